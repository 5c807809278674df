//! "Tạo nhóm": a member sets up a group for her commune/ward and becomes its first admin. What
//! she types is kept on the phone until the group exists; the shared rules mark mistakes before
//! anything is sent.

use hoi_api::{
    groups::{CreateGroupRequest, GroupDetail, Privacy, MAX_QUESTIONS},
    units::UnitRef,
    ErrorCode,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{form::FormMessage, unit_picker::UnitPicker, Field, FieldError, FormState, TextField},
    i18n::{group_setup::use_group_setup_texts, use_texts},
    pages::quiz::sign_in_first,
    prefs::{self, draft, forget},
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
    let t = use_texts();
    let g = use_group_setup_texts();
    let navigate = use_navigate();
    let form = FormState::new();
    let name = draft(format!("{DRAFT}.name"));
    let description = draft(format!("{DRAFT}.description"));
    let rules = draft(format!("{DRAFT}.rules"));
    let questions: Vec<RwSignal<String>> = (0..MAX_QUESTIONS)
        .map(|i| draft(format!("{DRAFT}.q{i}")))
        .collect();
    let privacy_text = draft(format!("{DRAFT}.privacy"));
    let privacy = move || Privacy::parse(&privacy_text.get()).unwrap_or_default();
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
    let questions_list = questions.clone();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let request = CreateGroupRequest {
            unit_id: unit.with_untracked(|u| u.as_ref().map_or(0, |u| u.id)),
            name: name.get_untracked(),
            description: description.get_untracked(),
            rules: rules.get_untracked(),
            questions: questions_list.iter().map(|q| q.get_untracked()).collect(),
            privacy: privacy(),
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
                for part in [
                    "name",
                    "description",
                    "rules",
                    "privacy",
                    "unit",
                    "q0",
                    "q1",
                    "q2",
                ] {
                    forget(&format!("{DRAFT}.{part}"));
                }
                navigate(&format!("/groups/{}", group.summary.id), Default::default());
            },
        );
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{g.create}</h1>
            <p class="hint">{g.lead}</p>
            <TextField id="name" label=g.name value=name form />
            <fieldset>
                <legend>{g.unit}</legend>
                <p class="hint">{g.unit_hint}</p>
                <UnitPicker selected=unit />
                <FieldError error=form.field("unit_id") id="unit_id-error" />
            </fieldset>
            <fieldset class="choice">
                <legend>{g.privacy}</legend>
                {[(Privacy::Public, t.public_group, g.public_hint), (Privacy::Closed, t.closed_group, g.closed_hint)].map(|(value, label, hint)| view! {
                    <label>
                        <input type="radio" name="privacy" prop:checked=move || privacy() == value
                            on:change=move |_| privacy_text.set(value.as_str().to_owned()) />
                        <span><strong>{label}</strong><br /><span class="muted">{hint}</span></span>
                    </label>
                })}
            </fieldset>
            <Field id="description" label=g.description error=form.field("description") hint=g.description_hint>
                <textarea id="description" rows="3" aria-describedby="description-error" bind:value=description
                    on:input=move |_| form.clear_field("description")></textarea>
            </Field>
            <Field id="rules" label=g.rules error=form.field("rules") hint=g.rules_hint>
                <textarea id="rules" rows="4" aria-describedby="rules-error" bind:value=rules
                    on:input=move |_| form.clear_field("rules")></textarea>
            </Field>
            <fieldset>
                <legend>{g.questions}</legend>
                <p class="hint">{g.questions_hint}</p>
                {questions.into_iter().enumerate().map(|(i, value)| {
                    let id = format!("question-{i}");
                    view! {
                        <label class="visually-hidden" for=id.clone()>{g.question} " " {i + 1}</label>
                        <input id=id type="text" placeholder=format!("{} {}", g.question, i + 1) bind:value=value
                            on:input=move |_| form.clear_field("questions") />
                    }
                }).collect_view()}
                <FieldError error=form.field("questions") id="questions-error" />
            </fieldset>
            <FormMessage form />
            <button type="submit" class="button primary big" disabled=move || form.busy.get()>{g.save}</button>
            <p class="hint">{g.kept_note}</p>
        </form>
    }
}
