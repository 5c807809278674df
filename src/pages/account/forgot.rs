//! Back in after a forgotten password: a code by SMS, then a new password.

use hoi_api::account::OtpResetRequest;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{send_code, sign_in};
use crate::{
    components::{form::FormMessage, FormState, TextField},
    i18n::{account::use_account_texts, use_texts},
    session::use_session,
};

#[component]
pub fn ForgotPage() -> impl IntoView {
    let t = use_texts();
    let ac = use_account_texts();
    let session = use_session();
    let navigate = use_navigate();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let code_sent = RwSignal::new(false);
    let form = FormState::new();

    let send = move |ev: SubmitEvent| {
        ev.prevent_default();
        send_code(phone.get_untracked(), form, code_sent);
    };
    let reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = OtpResetRequest {
            phone: phone.get_untracked(),
            code: code.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        sign_in(
            "/api/auth/otp/reset",
            request,
            form,
            session,
            navigate.clone(),
            "/".to_owned(),
            || {},
        );
    };

    view! {
        <section class="card form">
            <h1>{ac.forgot_title}</h1>
            <p>{ac.forgot_lead}</p>
            <Show
                when=move || code_sent.get()
                fallback=move || view! {
                    <form on:submit=send novalidate>
                        <TextField id="phone" label=t.phone_label value=phone
                            form kind="tel" autocomplete="tel" inputmode="tel" />
                        <FormMessage form />
                        <button type="submit" class="button primary" disabled=move || form.busy.get()>{t.send_code}</button>
                    </form>
                }
            >
                <form on:submit=reset.clone() novalidate>
                    <p class="notice">{t.code_sent}</p>
                    <TextField id="code" label=t.code_label value=code
                        form inputmode="numeric" autocomplete="one-time-code" />
                    <TextField id="new_password" label=ac.new_password_label value=new_password
                        form kind="password" autocomplete="new-password" />
                    <FormMessage form />
                    <button type="submit" class="button primary" disabled=move || form.busy.get()>{ac.reset_submit}</button>
                </form>
            </Show>
        </section>
    }
}
