//! Registering: her phone, name and password, then the code texted to the phone. The account
//! exists only once the code is back, so nobody registers a number that is not hers (and takes
//! over what was sent with it, like an application to the Hội).

use hoi_api::account::RegisterRequest;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use super::{next_path, send_code, sign_in, ShowPassword};
use crate::{
    components::{form::FormMessage, FormState, TextField},
    i18n::use_texts,
    prefs::{draft, forget},
    session::use_session,
};

const PHONE_DRAFT: &str = "draft.register.phone";
const NAME_DRAFT: &str = "draft.register.name";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let navigate = use_navigate();
    let phone = draft(PHONE_DRAFT);
    let name = draft(NAME_DRAFT);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let code_sent = RwSignal::new(false);
    // The number the code went to: a number corrected after that needs a code of its own.
    let sent_to = StoredValue::new(String::new());
    let shown = RwSignal::new(false);
    let form = FormState::new();
    let next = next_path();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = RegisterRequest {
            phone: phone.get_untracked(),
            display_name: name.get_untracked(),
            password: password.get_untracked(),
            code: code.get_untracked(),
        };
        // The same rules the server applies, so most mistakes are marked without a round trip.
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        if !code_sent.get_untracked() || sent_to.get_value() != request.phone {
            sent_to.set_value(request.phone.clone());
            code_sent.set(false);
            send_code(request.phone, form, code_sent);
            return;
        }
        let after = || {
            forget(PHONE_DRAFT);
            forget(NAME_DRAFT);
        };
        sign_in(
            "/api/auth/register",
            request,
            form,
            session,
            navigate.clone(),
            next.clone(),
            after,
        );
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{t.register_title}</h1>
            <TextField id="phone" label=t.phone_label value=phone
                form hint=t.phone_hint
                kind="tel" autocomplete="tel" inputmode="tel" />
            <TextField id="display_name" label=t.name_label value=name
                form hint=t.name_hint autocomplete="name" />
            <TextField id="password" label=t.password_label value=password
                form hint=t.password_hint
                kind=Signal::derive(move || if shown.get() { "text" } else { "password" }) autocomplete="new-password" />
            <ShowPassword shown />
            <p class="hint">{t.register_privacy}</p>
            // Hidden rather than swapped in: one view, and the box keeps what she typed.
            <div hidden=move || !code_sent.get()>
                <p class="notice" role="status">{t.code_sent}</p>
                <TextField id="code" label=t.code_label value=code
                    form inputmode="numeric" autocomplete="one-time-code" />
            </div>
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>
                {move || if code_sent.get() { t.register_submit } else { t.send_code }}
            </button>
            <A href="/login" attr:class="link">{t.have_account}</A>
        </form>
    }
}
