//! Form fields with their errors in the reader's language, and the state a form carries.

use std::{collections::BTreeMap, future::Future};

use hoi_api::{error::FieldErrors, ErrorCode};
use leptos::prelude::*;

use crate::{
    api::Failure,
    i18n::{error_text, I18n, Lang},
};

/// Errors and progress of one form: per-field codes, a message for the whole form, a busy flag
/// that disables the button so a double tap never sends twice.
#[derive(Clone, Copy)]
pub struct FormState {
    pub fields: RwSignal<BTreeMap<String, ErrorCode>>,
    pub general: RwSignal<Option<(ErrorCode, Option<u32>)>>,
    pub offline: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    lang: RwSignal<Lang>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            fields: RwSignal::new(BTreeMap::new()),
            general: RwSignal::new(None),
            offline: RwSignal::new(false),
            busy: RwSignal::new(false),
            lang: use_context::<I18n>()
                .map(|i| i.0)
                .unwrap_or_else(|| RwSignal::new(Lang::Vi)),
        }
    }

    /// The translated error of one field, if it has one.
    pub fn field(self, name: impl Into<String>) -> Signal<Option<String>> {
        let name = name.into();
        Signal::derive(move || {
            let code = self.fields.with(|fields| fields.get(&name).copied())?;
            Some(error_text(self.lang.get(), code, None))
        })
    }

    /// The error of a field or of any of its lines (`criteria` or `criteria.1.name`): for a box
    /// that holds a list, one line per item.
    pub fn field_or_lines(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            let prefix = format!("{name}.");
            let code = self.fields.with(|fields| {
                fields
                    .iter()
                    .find(|(key, _)| *key == name || key.starts_with(&prefix))
                    .map(|(_, code)| *code)
            })?;
            Some(error_text(self.lang.get(), code, None))
        })
    }

    /// The translated message for the whole form, if any.
    pub fn general_text(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            if self.offline.get() {
                return Some(crate::i18n::texts(self.lang.get()).network_error.to_owned());
            }
            let (code, minutes) = self.general.get()?;
            Some(error_text(self.lang.get(), code, minutes))
        })
    }

    /// Forgets one field's error as soon as she edits the field.
    pub fn clear_field(self, name: &str) {
        if self.fields.with_untracked(|fields| fields.contains_key(name)) {
            self.fields.update(|fields| {
                fields.remove(name);
            });
        }
    }

    pub fn clear(self) {
        self.fields.set(BTreeMap::new());
        self.general.set(None);
        self.offline.set(false);
    }

    /// Errors found in the browser by the contract crate's rules, before anything is sent.
    pub fn show_local(self, errors: FieldErrors) {
        self.clear();
        self.fields.set(errors.0);
    }

    /// What the server (or the network) answered.
    pub fn show_failure(self, failure: Failure) {
        self.clear();
        match failure {
            Failure::Network => self.offline.set(true),
            Failure::Api(error) if !error.fields.is_empty() => self.fields.set(error.fields),
            Failure::Api(error) => self.general.set(Some((error.code, error.retry_after_minutes))),
        }
    }

    /// Sends this form's request: busy while it is on its way (the button is disabled, so a
    /// double tap never sends twice), then `done` with the answer, or the failure shown on the
    /// form. What she typed stays where it was, so the button sends it again.
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = Result<T, Failure>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.send_and(request, move |answer| answer.map(done));
    }

    /// [`send`](Self::send) for a form that handles some failures itself (no connection: the
    /// letter waits in the outbox): `done` gets the whole answer and gives back the failure left
    /// to show.
    pub fn send_and<T: 'static>(
        self,
        request: impl Future<Output = Result<T, Failure>> + 'static,
        done: impl FnOnce(Result<T, Failure>) -> Result<(), Failure> + 'static,
    ) {
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            if let Err(failure) = done(request.await) {
                self.show_failure(failure);
            }
            self.busy.set(false);
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// A labelled input with its hint and its error; the error is announced to screen readers.
#[component]
pub fn TextField(
    /// The id, also the key of the field's error in `form`.
    id: &'static str,
    /// The label above the box.
    label: &'static str,
    /// What she types; two-way.
    value: RwSignal<String>,
    /// The form whose error for `id` is shown here, and cleared when she edits the field.
    form: FormState,
    /// A help line under the box.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// `text` unless given: `tel`, `password`…
    #[prop(optional, into)]
    kind: Option<Signal<&'static str>>,
    /// Browser autofill hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Keyboard to show on phones (`tel`, `numeric`).
    #[prop(default = "text")]
    inputmode: &'static str,
) -> impl IntoView {
    let kind = kind.unwrap_or_else(|| Signal::derive(|| "text"));
    let error = form.field(id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            <input
                id=id
                name=id
                type=move || kind.get()
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=described
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                bind:value=value
                on:input=move |_| form.clear_field(id)
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            // The same markup as `FieldError`, written out: the account pages in the first load
            // use only this field, and calling the component there costs ~210 bytes of brotli.
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A labelled control that is not a one-line text box (a textarea, a select, a date, a number),
/// laid out like [`TextField`]: label, the control (the child), hint, error. Give the control
/// `id` and `aria-describedby=format!("{id}-error")`.
#[component]
pub fn Field(
    /// The control's id, which the label points at.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// Its error, usually `form.field(name)`.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A help line under the control; none when empty.
    #[prop(default = "")]
    hint: &'static str,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            {children()}
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <FieldError error id=error_id />
        </div>
    }
}

/// A field's error under it, announced to screen readers as it appears: the markup of every field
/// error (written out once more in [`TextField`], for the first load's weight), also for the
/// controls that sit in a list or a fieldset rather than a [`Field`].
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<String>>,
    /// For the control's `aria-describedby`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    view! { <p class="field-error" id=id role="alert">{move || error.get()}</p> }
}

/// The message for the whole form (wrong password, wait N minutes, no connection).
#[component]
pub fn FormMessage(form: FormState) -> impl IntoView {
    let text = form.general_text();
    view! {
        <Show when=move || text.get().is_some()>
            <p class="form-error" role="alert">{move || text.get()}</p>
        </Show>
    }
}

/// Why a page could not load: no connection, not found, not allowed…
#[component]
pub fn FailureMessage(failure: Failure) -> impl IntoView {
    let form = FormState::new();
    form.show_failure(failure);
    view! { <FormMessage form /> }
}

/// What a page shows while what it loads is not in: the failure when a load failed, "Đang tải…"
/// while it is on its way. One place, so a page never waits forever on a load that failed.
pub fn waiting(failure: Option<Failure>) -> AnyView {
    match failure {
        Some(failure) => view! { <FailureMessage failure /> }.into_any(),
        None => view! { <p class="muted">{crate::i18n::use_texts().loading}</p> }.into_any(),
    }
}

/// `ready` with the loaded value, else [`waiting`]. Generic only in the closure's call: the
/// loading and failure views are built once, in [`waiting`].
pub fn loaded<T>(value: Option<Result<T, Failure>>, ready: impl FnOnce(T) -> AnyView) -> AnyView {
    match value {
        Some(Ok(value)) => ready(value),
        other => waiting(other.and_then(Result::err)),
    }
}

/// The failure of a load that failed, to show when a page waits on several.
pub fn failure_of<T>(value: &Option<Result<T, Failure>>) -> Option<Failure> {
    match value {
        Some(Err(failure)) => Some(failure.clone()),
        _ => None,
    }
}
