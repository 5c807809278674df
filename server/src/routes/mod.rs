//! Every `/api` route, one file per feature, merged here with the OpenAPI document they describe.

mod access;
mod accounts;
mod archive;
mod branches;
mod caching;
mod conversation;
mod covers;
mod events;
mod groups;
mod health;
mod hoi;
mod membership;
mod moderation;
mod my_data;
mod openapi;
mod photo_contests;
mod photos;
mod polls;
mod posts;
mod profile;
mod quizzes;
mod reports;
mod surveys;
mod todo;
mod unit_people;
mod units;

pub use posts::publish_scheduled;

use axum::{routing::get, Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use hoi_api::Page;

use crate::{error::AppError, state::AppState};

#[derive(OpenApi)]
#[openapi(info(
    title = "Chi hội số API",
    description = "The member app's API. Errors answer {code, message, fields}."
))]
struct ApiDoc;

/// The API router and, from the same routes, its OpenAPI 3 document at `/api/openapi.json`.
pub fn api() -> Router<AppState> {
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(accounts::router())
        .merge(profile::router())
        .merge(units::router())
        .merge(branches::router())
        .merge(unit_people::router())
        .merge(groups::router())
        .merge(archive::router())
        .merge(membership::router())
        .merge(posts::router())
        .merge(polls::router())
        .merge(photos::router())
        .merge(covers::router())
        .merge(conversation::router())
        .merge(moderation::router())
        .merge(events::router())
        .merge(hoi::router())
        .merge(my_data::router())
        .merge(quizzes::router())
        .merge(photo_contests::router())
        .merge(surveys::router())
        .merge(reports::router())
        .merge(todo::router())
        .split_for_parts();
    let mut document = serde_json::to_value(&document).unwrap_or_default();
    openapi::complete(&mut document);
    router
        .route("/api/openapi.json", get(move || async move { Json(document) }))
        // An unknown API path is a JSON 404, never the app's index.html.
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { AppError::not_found() }),
        )
        .layer(axum::middleware::from_fn(caching::cache_control))
}

/// A keyset page from a query that fetched one row more than `limit`: the extra row only says
/// that there is a next page, whose cursor is the last kept row's key.
pub(crate) fn keyset_page<T>(mut items: Vec<T>, limit: usize, key: impl Fn(&T) -> i64) -> Page<T> {
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|item| key(item).to_string())
    } else {
        None
    };
    Page { items, next }
}
