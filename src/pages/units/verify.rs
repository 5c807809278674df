//! Verifying a group from the unit above it: the badge, or a refusal with a reason its admins
//! read on their group's page; a verified group's badge can be taken away the same way.

use hoi_api::groups::SetVerifiedRequest;
use leptos::prelude::*;

use crate::{
    api,
    components::{form::FormMessage, Field, FormState},
    i18n::units::use_unit_texts,
};

#[component]
pub fn Verify(
    /// The group's id.
    id: i64,
    verified: bool,
    changed: Callback<()>,
) -> impl IntoView {
    let u = use_unit_texts();
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let decide = move |verified: bool| {
        let request = SetVerifiedRequest {
            verified,
            reason: Some(reason.get_untracked()),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        form.clear();
        form.send(
            async move { api::put::<_, ()>(&format!("/api/groups/{id}/verified"), &request).await },
            move |()| changed.run(()),
        );
    };
    let reason_id = format!("verify-{id}-reason");
    view! {
        <div class="verify">
            <Field id=reason_id.clone() label=u.reason error=form.field("reason")>
                <textarea id=reason_id.clone() rows="2" bind:value=reason aria-describedby=format!("{reason_id}-error")
                    on:input=move |_| form.clear_field("reason")></textarea>
            </Field>
            <div class="actions">
                {if verified {
                    view! {
                        <button type="button" class="button" on:click=move |_| decide(false) disabled=move || form.busy.get()>{u.unverify}</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button primary" on:click=move |_| decide(true) disabled=move || form.busy.get()>{u.verify}</button>
                        <button type="button" class="button" on:click=move |_| decide(false) disabled=move || form.busy.get()>{u.refuse}</button>
                    }.into_any()
                }}
            </div>
            <FormMessage form />
        </div>
    }
}
