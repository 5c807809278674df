use hoi_api::{
    account::{LoginRequest, Me},
    Phone,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};

use super::{next_path, ShowPassword};
use crate::{
    api,
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
        if form.busy.get_untracked() {
            return;
        }
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
        form.clear();
        form.busy.set(true);
        let navigate = navigate.clone();
        let next = next.clone();
        spawn_local(async move {
            match api::post::<_, Me>("/api/auth/login", &request).await {
                Ok(me) => {
                    session.signed_in(me);
                    navigate(&next, Default::default());
                }
                Err(failure) => form.show_failure(failure),
            }
            form.busy.set(false);
        });
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
