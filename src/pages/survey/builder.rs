//! The admin builds a survey: settings and audience, then a list of parts and questions, each
//! question a card with its kind, options one per line, "Khác", its range and the earlier
//! answer it depends on. A new survey's draft is kept on the phone; the shared rules check it
//! before it is sent, the server again after.

use hoi_api::{
    quiz::QuizAudiences,
    survey::{Question, QuestionKind, Section, ShowIf, SurveyForm, SurveyList, SurveyView},
    ErrorCode,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
    components::{
        audience::AudienceChecks,
        form::{waiting, FieldError, FormMessage},
        FormState,
    },
    i18n::{error_text, survey::use_survey_texts, I18n, Lang},
    pages::survey::{number_text, parse_number},
    prefs, time,
};

const DRAFT: &str = "draft.survey";

/// One line of the builder: the start of a part, or a question.
#[derive(Clone, Copy)]
enum Item {
    Part { key: u32, title: RwSignal<String> },
    Ask(RwSignal<Question>),
}

impl Item {
    /// Parts and questions share one keyed list: parts count down from the top of the range.
    fn key(self) -> u32 {
        match self {
            Item::Part { key, .. } => u32::MAX - key,
            Item::Ask(q) => q.with_untracked(|q| q.id),
        }
    }
}

fn blank(id: u32) -> Question {
    Question {
        id,
        kind: QuestionKind::Single,
        text: String::new(),
        help: String::new(),
        required: true,
        options: Vec::new(),
        other: false,
        max_choices: 0,
        min: None,
        max: None,
        show_if: None,
    }
}

fn new_survey(group: Option<i64>) -> SurveyForm {
    let now = time::now();
    SurveyForm {
        title: String::new(),
        intro: String::new(),
        opens_at: now,
        closes_at: now + chrono::Duration::days(14),
        group_ids: group.into_iter().collect(),
        unit_ids: Vec::new(),
        anonymous: false,
        show_summary: true,
        sections: vec![Section {
            title: String::new(),
            questions: vec![blank(1)],
        }],
    }
}

#[component]
pub fn SurveyBuilderPage() -> impl IntoView {
    let query = use_query_map();
    let edit = crate::pages::use_id_param().get_untracked();
    let group = query.with_untracked(|q| q.get("group").and_then(|g| g.parse::<i64>().ok()));
    let template = query.with_untracked(|q| q.get("template").is_some());
    let list = api::fetched::<SurveyList>(|| Some("/api/surveys".to_owned()));
    // The survey to start from: the one being edited, or the template; else her draft or a blank one.
    let source = edit
        .map(|id| format!("/api/surveys/{id}/form"))
        .or_else(|| template.then(|| "/api/surveys/template".to_owned()));
    let from = source.clone();
    let loaded = api::fetched::<SurveyForm>(move || from.clone());
    view! {
        {move || {
            // Still on their way, or failed: the failure is said, never "loading" forever.
            let list = match list.get() {
                Some(Ok(list)) => list,
                other => return waiting(other.and_then(Result::err)),
            };
            let loaded = loaded.get();
            let start = match (source.is_some(), loaded) {
                (true, Some(Ok(mut form))) => {
                    if edit.is_none() {
                        form.group_ids = group.into_iter().collect();
                    }
                    form
                }
                (true, other) => return waiting(other.and_then(Result::err)),
                (false, _) => prefs::load(DRAFT)
                    .and_then(|text| serde_json::from_str(&text).ok())
                    .unwrap_or_else(|| new_survey(group)),
            };
            let answered = edit
                .and_then(|id| list.items.iter().find(|item| item.id == id))
                .map_or(0, |item| item.responses);
            view! { <Builder start audiences=list.audiences edit answered /> }.into_any()
        }}
    }
}

#[component]
fn Builder(start: SurveyForm, audiences: QuizAudiences, edit: Option<i64>, answered: u32) -> impl IntoView {
    let s = use_survey_texts();
    let lang = use_context::<I18n>().map_or(Lang::Vi, |i| i.0.get_untracked());
    let form = FormState::new();
    let navigate = use_navigate();
    let title = RwSignal::new(start.title.clone());
    let intro = RwSignal::new(start.intro.clone());
    let opens = RwSignal::new(time::to_input(start.opens_at));
    let closes = RwSignal::new(time::to_input(start.closes_at));
    let groups = RwSignal::new(start.group_ids.clone());
    let units = RwSignal::new(start.unit_ids.clone());
    let anonymous = RwSignal::new(start.anonymous);
    let show_summary = RwSignal::new(start.show_summary);
    let parts = StoredValue::new(0u32);
    let part = move |title: &str| {
        parts.update_value(|n| *n += 1);
        Item::Part {
            key: parts.get_value(),
            title: RwSignal::new(title.to_owned()),
        }
    };
    let mut first = Vec::new();
    for section in &start.sections {
        first.push(part(&section.title));
        first.extend(
            section
                .questions
                .iter()
                .cloned()
                .map(|q| Item::Ask(RwSignal::new(q))),
        );
    }
    let items = RwSignal::new(first);

    let collect = move || {
        let mut sections: Vec<Section> = Vec::new();
        for item in items.get() {
            match item {
                Item::Part { title, .. } => sections.push(Section {
                    title: title.get(),
                    questions: Vec::new(),
                }),
                Item::Ask(question) => {
                    if sections.is_empty() {
                        sections.push(Section {
                            title: String::new(),
                            questions: Vec::new(),
                        });
                    }
                    if let Some(last) = sections.last_mut() {
                        last.questions.push(question.get());
                    }
                }
            }
        }
        SurveyForm {
            title: title.get(),
            intro: intro.get(),
            opens_at: time::from_input(&opens.get()).unwrap_or(start.opens_at),
            closes_at: time::from_input(&closes.get()).unwrap_or(start.closes_at),
            group_ids: groups.get(),
            unit_ids: units.get(),
            anonymous: anonymous.get(),
            show_summary: show_summary.get(),
            sections,
        }
    };
    if edit.is_none() {
        Effect::new(move |_| {
            if let Ok(text) = serde_json::to_string(&collect()) {
                prefs::save(DRAFT, &text);
            }
        });
    }
    let add_question = move |_| {
        let id = items.with(|list| {
            list.iter()
                .filter_map(|i| match i {
                    Item::Ask(q) => Some(q.with_untracked(|q| q.id)),
                    Item::Part { .. } => None,
                })
                .max()
                .unwrap_or(0)
                + 1
        });
        items.update(|list| list.push(Item::Ask(RwSignal::new(blank(id)))));
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = collect();
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        form.clear();
        let navigate = navigate.clone();
        let request = async move {
            match edit {
                Some(id) => api::put::<_, SurveyView>(&format!("/api/surveys/{id}"), &request).await,
                None => api::post::<_, SurveyView>("/api/surveys", &request).await,
            }
        };
        form.send(request, move |view| {
            prefs::forget(DRAFT);
            navigate(&format!("/surveys/{}", view.summary.id), Default::default());
        });
    };
    let error = move |name: &'static str| {
        let text = form.field(name);
        view! { <FieldError error=text /> }
    };
    let field = move |id: &'static str, label: &'static str, value: RwSignal<String>, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind bind:value=value on:input=move |_| form.clear_field(id) />
                {error(id)}
            </div>
        }
    };
    view! {
        <h1>{if edit.is_some() { s.edit_title } else { s.builder_title }}</h1>
        {(answered > 0).then(|| view! { <p class="notice">{error_text(lang, ErrorCode::SurveyAnswered, None)}</p> })}
        <form class="quiz-builder" on:submit=submit novalidate>
            {field("title", s.title, title, "text")}
            <div class="field">
                <label for="intro">{s.intro}</label>
                <textarea id="intro" rows="3" bind:value=intro></textarea>
            </div>
            <div class="two-col">
                {field("opens_at", s.opens, opens, "datetime-local")}
                {field("closes_at", s.closes, closes, "datetime-local")}
            </div>
            <AudienceChecks legend=s.audience audiences groups units form />
            {tick(s.anonymous_setting, start.anonymous, Box::new(move |on| anonymous.set(on)))}
            {tick(s.summary_setting, start.show_summary, Box::new(move |on| show_summary.set(on)))}
            {error("questions")}
            // Cards are rebuilt only when one is added or removed (typing changes a card's own
            // signals, not the list); a plain list costs less download than a keyed `<For>`.
            {move || items.get().into_iter().map(|item| match item {
                    Item::Part { key, title } => view! {
                        <div class="card part-card">
                            <label>{s.section_title}
                                <input type="text" bind:value=title /></label>
                            {(key > 1).then(|| view! {
                                <button type="button" class="button ghost small"
                                    on:click=move |_| items.update(|l| l.retain(|i| i.key() != u32::MAX - key))>{s.remove}</button>
                            })}
                        </div>
                    }.into_any(),
                    Item::Ask(question) => view! { <QuestionEditor question items form /> }.into_any(),
                }).collect_view()}
            <p class="actions">
                <button type="button" class="button ghost" on:click=add_question>{s.add_question}</button>
                <button type="button" class="button ghost" on:click=move |_| items.update(|l| l.push(part("")))>{s.add_section}</button>
            </p>
            {edit.is_none().then(|| view! { <p class="hint">{s.draft_note}</p> })}
            <FormMessage form />
            <button type="submit" class="button primary big" disabled=move || form.busy.get()>{s.save}</button>
        </form>
    }
}

/// A labelled one-line box whose words go to `set` as she types. Every small box of a card has
/// this one shape (and one copy in the download), whatever it sets.
fn boxed(label: &'static str, initial: String, set: Box<dyn Fn(String)>) -> AnyView {
    view! { <label>{label}<input type="text" prop:value=initial on:input:target=move |ev| set(ev.target().value()) /></label> }
        .into_any()
}

/// A labelled tick box, likewise one shape for all.
fn tick(label: &'static str, initial: bool, set: Box<dyn Fn(bool)>) -> AnyView {
    view! { <label class="check"><input type="checkbox" prop:checked=initial on:change:target=move |ev| set(ev.target().checked()) />" " {label}</label> }
        .into_any()
}

#[component]
fn QuestionEditor(
    question: RwSignal<Question>,
    items: RwSignal<Vec<Item>>,
    form: FormState,
) -> impl IntoView {
    let s = use_survey_texts();
    let lang = use_context::<I18n>().map_or(Lang::Vi, |i| i.0.get_untracked());
    let start = question.get_untracked();
    let id = start.id;
    let kind = move || question.with(|q| q.kind);
    let set = move |change: &dyn Fn(&mut Question)| {
        question.update(|q| change(q));
        let prefix = format!("questions.{id}");
        form.fields
            .update(|f| f.retain(|k, _| k != &prefix && !k.starts_with(&format!("{prefix}."))));
    };
    let number = move || {
        items.with(|list| {
            list.iter()
                .take_while(|i| i.key() != id)
                .filter(|i| matches!(i, Item::Ask(_)))
                .count()
                + 1
        })
    };
    // Every problem of this card at once (its text, its options, its condition…).
    let error = move || {
        let prefix = format!("questions.{id}");
        form.fields.with(|f| {
            f.iter()
                .filter(|(k, _)| **k == prefix || k.starts_with(&format!("{prefix}.")))
                .map(|(_, code)| error_text(lang, *code, None))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    // The earlier choice questions' options, as "Câu 2 = Có".
    let conditions = move || {
        let yes_no = s.yes_no;
        items.with(|list| {
            let mut found = Vec::new();
            for (n, item) in list
                .iter()
                .take_while(|i| i.key() != id)
                .filter_map(|i| match i {
                    Item::Ask(q) => Some(*q),
                    Item::Part { .. } => None,
                })
                .enumerate()
            {
                q_options(item, &yes_no, |option, label| {
                    found.push((
                        item.with(|q| q.id),
                        option,
                        format!("{} {} = {label}", s.question, n + 1),
                    ))
                });
            }
            found
        })
    };
    let text_id = format!("q{id}-text");
    view! {
        <section class="card question-card">
            <label for=text_id.clone()>{s.question} " " {number}</label>
            <textarea id=text_id rows="2" prop:value=start.text.clone()
                on:input:target=move |ev| { let v = ev.target().value(); set(&|q| q.text = v.clone()) }></textarea>
            <div class="two-col">
                <label>{s.kind}
                    <select on:change:target=move |ev| {
                        let chosen = QuestionKind::parse(&ev.target().value());
                        set(&|q| if let Some(k) = chosen { q.kind = k });
                    }>
                        {QuestionKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=start.kind == *k>{s.kind(*k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {tick(s.required, start.required, Box::new(move |on| set(&|q| q.required = on)))}
            </div>
            // Kind-specific settings stay in the page and are hidden, rather than built and torn down.
            <div hidden=move || !kind().has_options()>
                <label>{s.options}
                    <textarea rows="4" prop:value=question.with_untracked(|q| q.options.join("\n"))
                        on:input:target=move |ev| {
                            let lines: Vec<String> = ev.target().value().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                            set(&|q| q.options = lines.clone());
                        }></textarea>
                </label>
                {tick(s.other_setting, start.other, Box::new(move |on| set(&|q| q.other = on)))}
            </div>
            <div hidden=move || kind() != QuestionKind::Multiple>
                {boxed(s.max_choices, start.max_choices.to_string(), Box::new(move |text| {
                    let n = text.trim().parse().unwrap_or(0);
                    set(&|q| q.max_choices = n);
                }))}
            </div>
            <div class="two-col" hidden=move || kind() != QuestionKind::Number>
                {boxed(s.min, start.min.map(number_text).unwrap_or_default(), Box::new(move |text| {
                    let n = parse_number(&text);
                    set(&|q| q.min = n);
                }))}
                {boxed(s.max, start.max.map(number_text).unwrap_or_default(), Box::new(move |text| {
                    let n = parse_number(&text);
                    set(&|q| q.max = n);
                }))}
            </div>
            {boxed(s.help, start.help, Box::new(move |text| set(&|q| q.help = text.clone())))}
            <label>{s.show_if}
                <select on:change:target=move |ev| {
                    let rule = ev.target().value().split_once(':').and_then(|(q, o)| Some(ShowIf { question: q.parse().ok()?, option: o.parse().ok()? }));
                    set(&|q| q.show_if = rule);
                }>
                    <option value="">{s.always}</option>
                    {move || conditions().into_iter().map(|(q, o, label)| {
                        let here = Some(ShowIf { question: q, option: o });
                        view! { <option value=format!("{q}:{o}") selected=question.with_untracked(|x| x.show_if) == here>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <FieldError error />
            <button type="button" class="button ghost small"
                on:click=move |_| items.update(|l| l.retain(|i| i.key() != id))>{s.remove}</button>
        </section>
    }
}

/// Calls `each(option, words)` for every option a choice question offers.
fn q_options(question: RwSignal<Question>, yes_no: &[&'static str; 2], mut each: impl FnMut(u8, String)) {
    question.with(|q| match q.kind {
        QuestionKind::YesNo => yes_no
            .iter()
            .enumerate()
            .for_each(|(i, l)| each(i as u8, (*l).to_owned())),
        k if k.has_options() => q
            .options
            .iter()
            .enumerate()
            .for_each(|(i, l)| each(i as u8, l.clone())),
        _ => {}
    });
}
