//! One module per page (or family of pages).

pub mod account;
pub mod feed;
pub mod groups;
pub mod hoi;
pub mod home;
pub mod my_data;
pub mod photo_contest;
pub mod poll;
pub mod profile;
pub mod quiz;
pub mod report;
pub mod survey;
pub mod todo;
pub mod units;

use leptos::prelude::{Get, Memo, With};
use leptos_router::hooks::use_params_map;

/// The page's `:id` as a number, `None` when it is missing or not one. One reader for every
/// page under `/…/:id`; a memo, so what reads it reruns only when the id changes.
pub(crate) fn use_id_param() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok())))
}

/// The page's `:id`, 0 (which no row has, so its load answers 404) when it is not a number.
pub(crate) fn use_id_or_zero() -> Memo<i64> {
    let id = use_id_param();
    Memo::new(move |_| id.get().unwrap_or(0))
}
