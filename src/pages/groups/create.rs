//! "Tạo nhóm": a member sets up a group for her commune/ward and becomes its first admin. What
//! she types is kept on the phone until the group exists; the shared rules mark mistakes before
//! anything is sent.

use hoi_api::{
    groups::{CreateGroupRequest, GroupDetail},
    units::UnitRef,
    ErrorCode,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;

use super::fields::{GroupFields, GroupFieldsForm};
use crate::{
    api,
    components::{form::FormMessage, unit_picker::UnitPicker, FieldError, FormState},
    i18n::group_setup::use_group_setup_texts,
    pages::quiz::sign_in_first,
    prefs::{self, forget},
    session::use_session,
};

const DRAFT: &str = "draft.group";

#[component]
pub fn CreateGroupPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.known.get() && session.me.with(Option::is_none) {
            sign_in_first("/groups/new").into_any()
        } else {
            view! { <CreateGroupForm /> }.into_any()
        }
    }
}

#[component]
fn CreateGroupForm() -> impl IntoView {
    let g = use_group_setup_texts();
    let navigate = use_navigate();
    let form = FormState::new();
    let fields = GroupFields::kept(DRAFT, |_| String::new());
    let unit_key = format!("{DRAFT}.unit");
    let unit =
        RwSignal::new(prefs::load(&unit_key).and_then(|text| serde_json::from_str::<UnitRef>(&text).ok()));
    Effect::new(move |_| {
        unit.with(|u| {
            prefs::save(
                &unit_key,
                &u.as_ref()
                    .and_then(|u| serde_json::to_string(u).ok())
                    .unwrap_or_default(),
            )
        });
        form.clear_field("unit_id");
    });

    let submit = {
        let fields = fields.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if form.busy.get_untracked() {
                return;
            }
            let request = CreateGroupRequest {
                unit_id: unit.with_untracked(|u| u.as_ref().map_or(0, |u| u.id)),
                name: fields.name.get_untracked(),
                description: fields.description.get_untracked(),
                rules: fields.rules.get_untracked(),
                questions: fields.questions(),
                privacy: fields.privacy(),
                cover_id: fields.cover(),
            };
            let mut errors = request.validate().err().unwrap_or_default();
            if request.unit_id == 0 {
                errors.add("unit_id", ErrorCode::Required);
            }
            if !errors.is_empty() {
                form.show_local(errors);
                return;
            }
            form.clear();
            let navigate = navigate.clone();
            form.send(
                async move { api::post::<_, GroupDetail>("/api/groups", &request).await },
                move |group| {
                    for part in GroupFields::parts().chain(["unit".to_owned()]) {
                        forget(&format!("{DRAFT}.{part}"));
                    }
                    navigate(&format!("/groups/{}", group.summary.id), Default::default());
                },
            );
        }
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{g.create}</h1>
            <p class="hint">{g.lead}</p>
            <GroupFieldsForm fields form>
                <fieldset>
                    <legend>{g.unit}</legend>
                    <p class="hint">{g.unit_hint}</p>
                    <UnitPicker selected=unit branch_label=g.branch />
                    <FieldError error=form.field("unit_id") id="unit_id-error" />
                </fieldset>
            </GroupFieldsForm>
            <FormMessage form />
            <button type="submit" class="button primary big" disabled=move || form.busy.get()>{g.save}</button>
            <p class="hint">{g.kept_note}</p>
        </form>
    }
}
