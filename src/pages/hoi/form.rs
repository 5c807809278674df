//! The application form: her details, where she lives, the optional sensitive data, and one
//! unticked box per consent purpose. What she typed is kept on the phone until it is sent, except
//! ethnicity and religion (sensitive data stays nowhere she has not agreed to) and the consent
//! ticks (consent is given anew each time, never restored by the app).

use hoi_api::{
    hoi::{
        vietnam_today, ApplicationForm, ApplicationReceipt, ApplicationView, ConsentPurpose, CONSENT_VERSION,
        EDUCATION_LEVELS, ETHNIC_GROUPS, PRIVACY_NOTICE_VI, RELIGIONS,
    },
    units::{UnitLevel, UnitRef},
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{form::FormMessage, unit_picker::UnitPicker, Field, FieldError, FormState, TextField},
    i18n::{hoi::use_hoi_texts, use_texts},
    prefs::{draft, forget},
    session::use_session,
    time,
};

const DRAFT: &str = "draft.hoi";
const DRAFTED: [&str; 7] = [
    "full_name",
    "birth_date",
    "phone",
    "occupation",
    "education",
    "wish",
    "commune",
];

/// A text value: kept on the phone for a new application, plain for a correction.
fn field(editing: bool, name: &str, initial: String) -> RwSignal<String> {
    if editing {
        RwSignal::new(initial)
    } else {
        let value = draft(format!("{DRAFT}.{name}"));
        if value.with_untracked(String::is_empty) && !initial.is_empty() {
            value.set(initial);
        }
        value
    }
}

/// A `<select>` over a fixed list, with an empty first option.
fn choice_list(
    id: &'static str,
    label: &'static str,
    empty: &'static str,
    options: &'static [&'static str],
    value: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let error = form.field(id);
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            <select id=id prop:value=move || value.get()
                on:change:target=move |ev| {
                    value.set(ev.target().value());
                    form.clear_field(id);
                    // Emptying ethnicity or religion answers the "needs consent" error too.
                    form.clear_field(ConsentPurpose::Sensitive.field());
                }>
                <option value="">{empty}</option>
                {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
            </select>
            <FieldError error />
        </div>
    }
}

/// The form, for a new application (`existing` is `None`, `group` where she came from) or for
/// correcting one of hers. `sent` receives the receipt of a new application.
#[component]
pub fn ApplicationFormView(
    existing: Option<ApplicationView>,
    group: Option<i64>,
    sent: WriteSignal<Option<ApplicationReceipt>>,
) -> impl IntoView {
    let t = use_texts();
    let h = use_hoi_texts();
    let session = use_session();
    let navigate = use_navigate();
    let me = session.me.get_untracked();
    let is_edit = existing.is_some();
    let start = existing
        .as_ref()
        .map(ApplicationView::to_form)
        .unwrap_or_default();
    let full_name = field(
        is_edit,
        "full_name",
        if is_edit {
            start.full_name.clone()
        } else {
            me.as_ref().map(|m| m.display_name.clone()).unwrap_or_default()
        },
    );
    let birth_date = field(is_edit, "birth_date", start.birth_date.clone());
    let phone = field(
        is_edit,
        "phone",
        if is_edit {
            start.phone.clone()
        } else {
            me.as_ref().map(|m| m.phone.local()).unwrap_or_default()
        },
    );
    let occupation = field(is_edit, "occupation", start.occupation.clone());
    let education = field(is_edit, "education", start.education.clone());
    let wish = field(is_edit, "wish", start.wish.clone());
    let ethnicity = RwSignal::new(start.ethnicity.clone().unwrap_or_default());
    let religion = RwSignal::new(start.religion.clone().unwrap_or_default());
    // Her commune: from the application, the draft, or her profile.
    let commune_text = field(is_edit, "commune", String::new());
    let initial_commune = existing
        .as_ref()
        .map(|a| a.commune.clone())
        .or_else(|| serde_json::from_str(&commune_text.get_untracked()).ok())
        .or_else(|| {
            me.as_ref()
                .and_then(|m| m.home_unit.clone())
                .filter(|u| u.level == UnitLevel::Commune)
        });
    let commune = RwSignal::new(initial_commune);
    let editing = existing;
    Effect::new(move |_| {
        if !is_edit {
            commune_text.set(commune.with(|c| {
                c.as_ref()
                    .and_then(|c| serde_json::to_string(c).ok())
                    .unwrap_or_default()
            }));
        }
    });
    let branch = RwSignal::new(start.branch_id.map(|b| b.to_string()).unwrap_or_default());
    let branches =
        api::fetched::<Vec<UnitRef>>(move || commune.get().map(|c| format!("/api/units?parent={}", c.id)));
    let consents: Vec<(ConsentPurpose, RwSignal<bool>)> = ConsentPurpose::ALL
        .iter()
        .map(|p| (*p, RwSignal::new(start.consents.contains(p))))
        .collect();
    let consent_signals = consents.clone();
    let form = FormState::new();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let optional = |value: RwSignal<String>| Some(value.get_untracked()).filter(|v| !v.is_empty());
        let request = ApplicationForm {
            full_name: full_name.get_untracked(),
            birth_date: birth_date.get_untracked(),
            phone: phone.get_untracked(),
            commune_id: commune.get_untracked().map(|c| c.id),
            branch_id: branch.get_untracked().parse().ok(),
            occupation: occupation.get_untracked(),
            education: education.get_untracked(),
            wish: wish.get_untracked(),
            ethnicity: optional(ethnicity),
            religion: optional(religion),
            consents: consent_signals
                .iter()
                .filter(|(_, ticked)| ticked.get_untracked())
                .map(|(purpose, _)| *purpose)
                .collect(),
            consent_version: CONSENT_VERSION.to_owned(),
            source_group_id: if is_edit { start.source_group_id } else { group },
        };
        if let Err(errors) = request.validate(vietnam_today(time::now())) {
            form.show_local(errors);
            return;
        }
        form.clear();
        match &editing {
            Some(existing) => {
                let path = format!("/api/hoi/applications/{}", existing.id);
                let navigate = navigate.clone();
                form.send(
                    async move { api::put::<_, ApplicationView>(&path, &request).await },
                    move |_| {
                        navigate("/me/data", Default::default());
                    },
                );
            }
            None => {
                let sent_form = async move {
                    api::post::<_, ApplicationReceipt>("/api/hoi/applications", &request).await
                };
                form.send(sent_form, move |receipt| {
                    for name in DRAFTED {
                        forget(&format!("{DRAFT}.{name}"));
                    }
                    sent.set(Some(receipt));
                });
            }
        }
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>{h.about_you}</h2>
            <TextField id="full_name" label=h.full_name value=full_name form autocomplete="name" />
            <TextField id="birth_date" label=h.birth_date value=birth_date form kind=Signal::derive(|| "date") autocomplete="bday" />
            <TextField id="phone" label=t.phone_label value=phone form kind=Signal::derive(|| "tel") inputmode="tel" autocomplete="tel" />
            <fieldset>
                <legend>{h.place}</legend>
                <UnitPicker selected=commune />
                <FieldError error=form.field("commune_id") />
                {move || {
                    let list = branches.get().and_then(Result::ok).unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <div class="field">
                            <label for="branch_id">{h.branch}</label>
                            <select id="branch_id" prop:value=move || branch.get()
                                on:change:target=move |ev| branch.set(ev.target().value())>
                                <option value="">{h.branch_unknown}</option>
                                {list.into_iter().map(|b| view! { <option value=b.id.to_string()>{b.name}</option> }).collect_view()}
                            </select>
                            <FieldError error=form.field("branch_id") />
                        </div>
                    })
                }}
            </fieldset>
            <TextField id="occupation" label=h.occupation value=occupation form hint=h.occupation_hint />
            {choice_list("education", h.education, h.choose, &EDUCATION_LEVELS, education, form)}
            <Field id="wish" label=h.wish error=form.field("wish")>
                <textarea id="wish" rows="3" aria-describedby="wish-error" bind:value=wish></textarea>
            </Field>
            <fieldset class="sensitive">
                <legend>{h.sensitive_title}</legend>
                <p class="hint">{h.sensitive_hint}</p>
                {choice_list("ethnicity", h.ethnicity, h.not_given, &ETHNIC_GROUPS, ethnicity, form)}
                {choice_list("religion", h.religion, h.not_given, &RELIGIONS, religion, form)}
            </fieldset>
            <fieldset class="consents">
                <legend>{h.consent_title}</legend>
                <p class="notice">{PRIVACY_NOTICE_VI}</p>
                {consents.into_iter().map(|(purpose, ticked)| {
                    let error = form.field(purpose.field());
                    let tag = if purpose == ConsentPurpose::Application { h.required } else { h.optional };
                    view! {
                        <label class="check consent" class:has-error=move || error.get().is_some()>
                            <input type="checkbox" id=purpose.field() bind:checked=ticked
                                on:change=move |_| form.clear_field(purpose.field()) />
                            <span>{purpose.statement_vi()} " " <strong>"(" {tag} ")"</strong></span>
                        </label>
                        <FieldError error />
                    }
                }).collect_view()}
                <p class="hint">{h.version} " " {CONSENT_VERSION}</p>
            </fieldset>
            {(!is_edit).then(|| view! { <p class="hint">{h.draft_note}</p> })}
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>
                {if is_edit { h.save_changes } else { h.submit }}
            </button>
        </form>
    }
}
