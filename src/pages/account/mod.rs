//! Registering, logging in, and getting back in after a forgotten password.

mod forgot;
mod login;
mod register;

pub use forgot::ForgotPage;
pub use login::LoginPage;
pub use register::RegisterPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where to go after signing in: the `next` query (a path on this site only), else her groups.
fn next_path() -> String {
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    if next.starts_with('/') && !next.starts_with("//") {
        next
    } else {
        "/".to_owned()
    }
}

/// Show/hide for password boxes: older members often mistype on small keyboards.
#[component]
fn ShowPassword(shown: RwSignal<bool>) -> impl IntoView {
    let t = crate::i18n::use_texts();
    view! {
        <label class="check">
            <input type="checkbox" bind:checked=shown />
            <span>{t.show_password}</span>
        </label>
    }
}
