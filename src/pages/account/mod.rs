//! Registering, logging in, and getting back in after a forgotten password.

mod forgot;
mod login;
mod register;

pub use forgot::ForgotPage;
pub use login::LoginPage;
pub use register::RegisterPage;

use hoi_api::account::Me;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{hooks::use_query_map, NavigateOptions};
use serde::Serialize;

use crate::{api, components::FormState, session::Session};

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

/// Posts her credentials to `path`; on success she is signed in, `after` runs (to clear drafts)
/// and she is taken to `next`; on failure the form shows why. A tap while busy does nothing.
fn sign_in<B: Serialize + 'static>(
    path: &'static str,
    body: B,
    form: FormState,
    session: Session,
    navigate: impl Fn(&str, NavigateOptions) + 'static,
    next: String,
    after: impl FnOnce() + 'static,
) {
    if form.busy.get_untracked() {
        return;
    }
    form.clear();
    form.busy.set(true);
    spawn_local(async move {
        match api::post::<_, Me>(path, &body).await {
            Ok(me) => {
                after();
                session.signed_in(me);
                navigate(&next, Default::default());
            }
            Err(failure) => form.show_failure(failure),
        }
        form.busy.set(false);
    });
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
