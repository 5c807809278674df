use hoi_api::{account::LoginRequest, Phone};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use super::{next_path, sign_in, ShowPassword};
use crate::{
    components::{form::FormMessage, FormState, TextField},
    i18n::use_texts,
    prefs::draft,
    session::use_session,
};

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let navigate = use_navigate();
    let phone = draft("draft.login.phone");
    let password = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let form = FormState::new();
    let next = next_path();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            phone: phone.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(code) = Phone::parse(&request.phone) {
            let mut errors = hoi_api::error::FieldErrors::default();
            errors.add("phone", code);
            form.show_local(errors);
            return;
        }
        sign_in(
            "/api/auth/login",
            request,
            form,
            session,
            navigate.clone(),
            next.clone(),
            || {},
        );
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{t.login_title}</h1>
            <TextField id="phone" label=t.phone_label value=phone
                form hint=t.phone_hint
                kind="tel" autocomplete="tel" inputmode="tel" />
            <TextField id="password" label=t.password_label value=password
                form
                kind=Signal::derive(move || if shown.get() { "text" } else { "password" }) autocomplete="current-password" />
            <ShowPassword shown />
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>
                {t.login_submit}
            </button>
            <A href="/forgot" attr:class="link">{t.forgot_password}</A>
            <A href="/register" attr:class="link">{t.no_account}</A>
        </form>
    }
}
