//! Registering, logging in, and getting back in after a forgotten password.

mod forgot;
mod login;
mod register;

pub use forgot::ForgotPage;
pub use login::LoginPage;
pub use register::RegisterPage;

use hoi_api::account::{Me, OtpRequest};
use leptos::prelude::*;
use leptos_router::{hooks::use_query_map, NavigateOptions};
use serde::Serialize;

use crate::{
    api::{self, Failure},
    components::FormState,
    session::Session,
};

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
fn sign_in<B: Serialize>(
    path: &'static str,
    body: B,
    form: FormState,
    session: Session,
    navigate: impl Fn(&str, NavigateOptions) + 'static,
    next: String,
    after: impl FnOnce() + 'static,
) {
    let done = move |text: String| match serde_json::from_str::<Me>(&text) {
        Ok(me) => {
            after();
            session.signed_in(me);
            navigate(&next, Default::default());
        }
        Err(_) => form.show_failure(Failure::Network),
    };
    send(
        path,
        serde_json::to_string(&body).unwrap_or_default(),
        form,
        Box::new(done),
    );
}

/// Asks the server to text a code to the phone (to register it, or to reset a forgotten
/// password); the code box shows once it has.
pub(crate) fn send_code(phone: String, form: FormState, code_sent: RwSignal<bool>) {
    let body = serde_json::to_string(&OtpRequest { phone }).unwrap_or_default();
    send(
        "/api/auth/otp",
        body,
        form,
        Box::new(move |_| code_sent.set(true)),
    );
}

/// The one sender of the account pages, not generic on purpose: every form shares its request
/// and busy handling in the first load instead of a copy per request type. A tap while busy
/// does nothing; a failure is shown on the form.
fn send(path: &'static str, body: String, form: FormState, done: Box<dyn FnOnce(String)>) {
    if form.busy.get_untracked() {
        return;
    }
    form.clear();
    form.send(api::post_text(path, body), done);
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
