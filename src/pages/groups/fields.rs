//! The fields of a group that its creator fills in and its admins edit later ("Tạo nhóm" and
//! "Cài đặt nhóm"): one form body, so both screens ask the same way and mark the same errors.

use hoi_api::groups::{Privacy, MAX_QUESTIONS};
use leptos::prelude::*;

use crate::{
    components::{
        cover::{cover_id, CoverPicker},
        Field, FieldError, FormState, TextField,
    },
    i18n::{group_setup::use_group_setup_texts, use_texts},
};

/// What she types, each kept on the phone by its screen until it is saved.
#[derive(Clone)]
pub struct GroupFields {
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub rules: RwSignal<String>,
    /// `MAX_QUESTIONS` boxes; the empty ones are not questions.
    pub questions: Vec<RwSignal<String>>,
    /// `public` or `closed`, as stored; anything else reads as public.
    pub privacy: RwSignal<String>,
    /// The cover's id as text; empty for none.
    pub cover: RwSignal<String>,
}

impl GroupFields {
    /// The fields kept under `key.name`, `key.q0`…, each starting from what is kept there or,
    /// when nothing is, from `start` (the texts before her edits).
    pub fn kept(key: &str, start: impl Fn(&str) -> String) -> Self {
        let field = |part: &str| crate::prefs::draft_over(format!("{key}.{part}"), start(part));
        Self {
            name: field("name"),
            description: field("description"),
            rules: field("rules"),
            questions: (0..MAX_QUESTIONS).map(|i| field(&format!("q{i}"))).collect(),
            privacy: field("privacy"),
            cover: field("cover"),
        }
    }

    /// The parts of [`GroupFields::kept`], to forget them once saved.
    pub fn parts() -> impl Iterator<Item = String> {
        ["name", "description", "rules", "privacy", "cover"]
            .into_iter()
            .map(str::to_owned)
            .chain((0..MAX_QUESTIONS).map(|i| format!("q{i}")))
    }

    pub fn privacy(&self) -> Privacy {
        Privacy::parse(&self.privacy.get_untracked()).unwrap_or_default()
    }

    pub fn cover(&self) -> Option<i64> {
        self.cover.with_untracked(|text| cover_id(text))
    }

    pub fn questions(&self) -> Vec<String> {
        self.questions.iter().map(|q| q.get_untracked()).collect()
    }
}

/// Name, privacy, description, rules and the joining questions, with their errors; `children`
/// (the commune/ward, when it is asked) go under the name.
#[component]
pub fn GroupFieldsForm(
    fields: GroupFields,
    form: FormState,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let t = use_texts();
    let g = use_group_setup_texts();
    let privacy_text = fields.privacy;
    let privacy = move || Privacy::parse(&privacy_text.get()).unwrap_or_default();
    let (description, rules) = (fields.description, fields.rules);
    view! {
        <TextField id="name" label=g.name value=fields.name form />
        {children.map(|children| children())}
        <CoverPicker cover=fields.cover form />
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
            {fields.questions.into_iter().enumerate().map(|(i, value)| {
                let id = format!("question-{i}");
                view! {
                    <label class="visually-hidden" for=id.clone()>{g.question} " " {i + 1}</label>
                    <input id=id type="text" placeholder=format!("{} {}", g.question, i + 1) bind:value=value
                        on:input=move |_| form.clear_field("questions") />
                }
            }).collect_view()}
            <FieldError error=form.field("questions") id="questions-error" />
        </fieldset>
    }
}
