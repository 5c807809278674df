//! Answering a survey: one section per screen with a progress bar, big controls, the reason
//! beside any answer the shared rules refuse. Every answer is written to the phone as she gives
//! it, with the section she is on; a send without a connection waits in the outbox.

use hoi_api::{
    survey::{Answer, Question, QuestionKind, ResponseRequest, Section, SurveyPhase, SurveyView, OTHER},
    units::UnitRef,
    ErrorCode,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    device_token, local_key, mark_sent, number_text, parse_number, phase_badge, sent_here, walk::Walk,
};
use crate::{
    api::{self, Failure},
    components::{
        form::{waiting, FieldError, FormMessage},
        unit_picker::UnitPicker,
        FormState,
    },
    i18n::{error_text, survey::use_survey_texts, I18n, Lang},
    outbox::{use_outbox, About, Letter},
    pages::quiz::sign_in_first,
    prefs,
    session::use_session,
    time,
};

#[component]
pub fn SurveyPage() -> impl IntoView {
    let s = use_survey_texts();
    let session = use_session();
    let id = crate::pages::use_id_param();
    let survey = api::fetched::<SurveyView>(move || {
        session.me.with(Option::is_some).then_some(())?;
        let id = id.get()?;
        Some(format!("/api/surveys/{id}?token={}", device_token(id)))
    });
    view! {
        <A href="/surveys" attr:class="back">{s.to_list}</A>
        {move || match survey.get() {
            _ if session.known.get() && session.me.with(Option::is_none) => {
                sign_in_first(&format!("/surveys/{}", id.get().unwrap_or(0))).into_any()
            }
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(found)) => view! { <Details survey=found /> }.into_any(),
        }}
    }
}

#[component]
fn Details(survey: SurveyView) -> impl IntoView {
    let s = use_survey_texts();
    let lang = use_context::<I18n>().map_or(Lang::Vi, |i| i.0.get_untracked());
    let summary = survey.summary;
    let id = summary.id;
    let closed_text = |code| view! { <p class="muted">{error_text(lang, code, None)}</p> };
    let body = match summary.phase {
        SurveyPhase::Upcoming => closed_text(ErrorCode::SurveyNotOpen).into_any(),
        SurveyPhase::Closed => closed_text(ErrorCode::SurveyClosed).into_any(),
        SurveyPhase::Open if survey.eligible => {
            let done = summary.responded || sent_here(id);
            view! { <Answering id sections=survey.sections done show_summary=survey.show_summary /> }
                .into_any()
        }
        SurveyPhase::Open => ().into_any(),
    };
    view! {
        <h1>{summary.title}</h1>
        <p>{phase_badge(summary.phase)} " " <span class="muted">{s.closes} " " {time::date_time(summary.closes_at)}
            " · " {survey.audience.join(", ")}</span></p>
        {(!survey.intro.is_empty()).then(|| view! { <p class="intro">{survey.intro}</p> })}
        <p class="hint">{if summary.anonymous { s.anonymous_note } else { s.named_note }}</p>
        {summary.can_manage.then(|| view! {
            <p class="actions">
                <A href=format!("/surveys/{id}/results") attr:class="button primary">{s.see_results} " (" {summary.responses} ")"</A>
                <A href=format!("/surveys/{id}/edit") attr:class="button">{s.edit}</A>
            </p>
        })}
        {body}
    }
}

/// Where she stands: answering, sent, or waiting for a connection.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Answering,
    Sent,
    Waiting,
}

#[component]
fn Answering(id: i64, sections: Vec<Section>, done: bool, show_summary: bool) -> impl IntoView {
    let s = use_survey_texts();
    let outbox = use_outbox();
    let form = FormState::new();
    let sections = StoredValue::new(sections);
    let answers_key = local_key(id, "answers");
    let step_key = local_key(id, "step");
    let answers = RwSignal::new(
        prefs::load(&answers_key)
            .and_then(|text| serde_json::from_str::<Vec<Answer>>(&text).ok())
            .unwrap_or_default(),
    );
    let count = sections.with_value(Vec::len);
    let step = RwSignal::new(
        prefs::load(&step_key)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n < count)
            .unwrap_or(0),
    );
    let stage = RwSignal::new(if done {
        Stage::Sent
    } else if untrack(|| !outbox.waiting_about(About::Survey(id)).is_empty()) {
        Stage::Waiting
    } else {
        Stage::Answering
    });
    Effect::new(move |_| {
        if stage.get() == Stage::Answering {
            answers.with(|a| prefs::save(&answers_key, &serde_json::to_string(a).unwrap_or_default()));
            prefs::save(&step_key, &step.get().to_string());
        }
    });
    let walk = Walker { sections, answers };
    let go = move |to: usize| {
        form.clear();
        step.set(to);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    let next = move |_| match walk.read(|w| w.errors_in(Some(step.get_untracked()))) {
        Some(errors) => form.show_local(errors),
        None => {
            if let Some(to) = walk.read(|w| w.move_to(step.get_untracked(), true)) {
                go(to);
            }
        }
    };
    let back = move |_| {
        if let Some(to) = walk.read(|w| w.move_to(step.get_untracked(), false)) {
            go(to);
        }
    };
    let send = move |_| {
        if let Some((first, errors)) = walk.read(|w| w.errors_in(None).map(|e| (w.first_section_with(&e), e)))
        {
            go(first);
            form.show_local(errors);
            return;
        }
        let request = ResponseRequest {
            token: device_token(id),
            answers: walk.read(|w| w.given()),
        };
        let body = serde_json::to_string(&request).unwrap_or_default();
        let path = format!("/api/surveys/{id}/responses");
        let letter = Letter {
            about: About::Survey(id),
            path: path.clone(),
            body: body.clone(),
            key: format!("survey.{id}"),
            owner: None,
        };
        form.send_and(async move { api::post_json(&path, body).await }, move |answer| {
            match answer {
                Ok(_) => {
                    mark_sent(id);
                    stage.set(Stage::Sent);
                }
                Err(Failure::Network) => {
                    outbox.queue(letter);
                    stage.set(Stage::Waiting);
                }
                // Sent from another tab or phone: it says so, and the survey counts as sent.
                Err(failure) if failure.code() == Some(ErrorCode::AlreadyResponded) => {
                    mark_sent(id);
                    stage.set(Stage::Sent);
                    return Err(failure);
                }
                Err(failure) => return Err(failure),
            }
            Ok(())
        });
    };
    let last = move || walk.read(|w| w.move_to(step.get(), true)).is_none();
    let progress = move || walk.read(|w| w.progress(step.get()));
    let lang = use_context::<I18n>().map_or(Lang::Vi, |i| i.0.get_untracked());
    // Everything but answering is one line of news: arrived, refused meanwhile, sent, or waiting.
    let news = move || {
        let settled = outbox.settled_about(About::Survey(id));
        if let Some(None) = settled {
            ("notice", s.arrived.to_owned(), show_summary)
        } else if let Some(Some(code)) = settled {
            ("form-error", error_text(lang, code, None), false)
        } else if stage.get() == Stage::Sent {
            (
                "notice",
                form.general_text().get().unwrap_or_else(|| s.sent.to_owned()),
                show_summary,
            )
        } else {
            ("notice waiting", s.queued.to_owned(), false)
        }
    };
    view! {
        {move || match stage.get() {
            Stage::Sent | Stage::Waiting => {
                let (class, text, summary) = news();
                view! {
                    <p class=class role="status">{text}</p>
                    {summary.then(|| view! { <A href=format!("/surveys/{id}/results") attr:class="button">{s.see_results}</A> })}
                }.into_any()
            }
            Stage::Answering => view! {
                <section class="card survey-answer">
                    <p class="muted">{move || { let (at, total) = progress(); format!("{} {at}/{total}", s.part) }}</p>
                    // A native bar: the server's content policy forbids inline styles, so no width to set.
                    <progress class="progress-bar" max=move || progress().1 value=move || progress().0></progress>
                    <h2>{move || sections.with_value(|all| all[step.get()].title.clone())}</h2>
                    {move || walk.read(|w| w.shown_in(step.get())).into_iter().map(|question| {
                        view! { <AnswerField question answers form /> }
                    }).collect_view()}
                    <FormMessage form />
                    <div class="survey-nav">
                        <button type="button" class="button" hidden=move || walk.read(|w| w.move_to(step.get(), false)).is_none() on:click=back>{s.back}</button>
                        {move || if last() {
                            view! { <button type="button" class="button primary big" disabled=move || form.busy.get() on:click=send>{s.send}</button> }.into_any()
                        } else {
                            view! { <button type="button" class="button primary big" on:click=next>{s.next}</button> }.into_any()
                        }}
                    </div>
                    <p class="hint">{s.kept_note}</p>
                </section>
            }.into_any(),
        }}
    }
}

/// The survey's sections and her answers, read as a [`Walk`] (tracked: a view reading it redraws
/// when an answer changes).
#[derive(Clone, Copy)]
struct Walker {
    sections: StoredValue<Vec<Section>>,
    answers: RwSignal<Vec<Answer>>,
}

impl Walker {
    fn read<T>(self, read: impl FnOnce(&Walk) -> T) -> T {
        self.sections
            .with_value(|sections| self.answers.with(|answers| read(&Walk::new(sections, answers))))
    }
}

/// Changes her answer to one question (made when first touched) and forgets its error.
fn edit(answers: RwSignal<Vec<Answer>>, form: FormState, question: u32, change: &dyn Fn(&mut Answer)) {
    answers.update(|all| match all.iter_mut().find(|a| a.question == question) {
        Some(answer) => change(answer),
        None => {
            let mut answer = Answer {
                question,
                ..Answer::default()
            };
            change(&mut answer);
            all.push(answer);
        }
    });
    form.clear_field(&format!("answers.{question}"));
}

/// One question with the control its kind needs.
#[component]
fn AnswerField(question: Question, answers: RwSignal<Vec<Answer>>, form: FormState) -> impl IntoView {
    let s = use_survey_texts();
    let qid = question.id;
    let current = move || {
        answers.with(|all| {
            all.iter()
                .find(|a| a.question == qid)
                .cloned()
                .unwrap_or_default()
        })
    };
    let set = move |change: &dyn Fn(&mut Answer)| edit(answers, form, qid, change);
    // Stars are a row of the same round buttons as a choice: option i is i + 1 stars.
    let rating = question.kind == QuestionKind::Rating;
    let chosen = move |option: u8| {
        if rating {
            current().number == Some(f64::from(option) + 1.0)
        } else {
            current().chosen.contains(&option)
        }
    };
    // Typed boxes take her stored words once: written back while she types, a half-typed "1,"
    // would be replaced under her fingers.
    let initial = answers.with_untracked(|all| {
        all.iter()
            .find(|a| a.question == qid)
            .cloned()
            .unwrap_or_default()
    });
    let error = form.field(format!("answers.{qid}"));
    let name = format!("q{qid}");
    let label = question.text.clone();
    let multiple = question.kind == QuestionKind::Multiple;
    let labels: Vec<String> = match question.kind {
        QuestionKind::YesNo => s.yes_no.iter().map(|l| (*l).to_owned()).collect(),
        QuestionKind::Rating => (1..=5).map(|n: u8| n.to_string()).collect(),
        _ => question.options.clone(),
    };
    let pick = move |option: u8| {
        set(&|a| {
            if rating {
                a.number = Some(f64::from(option) + 1.0);
                return;
            }
            if !multiple {
                a.chosen = vec![option];
            } else if let Some(at) = a.chosen.iter().position(|c| *c == option) {
                a.chosen.remove(at);
            } else {
                a.chosen.push(option);
            }
        })
    };
    let other_initial = initial.text.clone();
    let other_text = move || {
        view! {
            <input type="text" class="other-text" aria-label=s.other prop:value=other_initial.clone()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    set(&|a| {
                        a.text = text.clone();
                        if !a.chosen.contains(&OTHER) {
                            if !multiple { a.chosen.clear(); }
                            a.chosen.push(OTHER);
                        }
                    });
                } />
        }
    };
    let control = match question.kind {
        QuestionKind::Single | QuestionKind::Multiple | QuestionKind::YesNo | QuestionKind::Rating => {
            let kind = if multiple { "checkbox" } else { "radio" };
            view! {
                <div class="choices" class:rating=rating>
                    {labels.into_iter().enumerate().map(|(i, text)| {
                        let i = i as u8;
                        view! {
                            <label class="choice">
                                <input type=kind name=name.clone() prop:checked=move || chosen(i) on:change=move |_| pick(i) />
                                <span>{text}</span>
                            </label>
                        }
                    }).collect_view()}
                    {question.other.then(|| view! {
                        <label class="choice">
                            <input type=kind name=name.clone() prop:checked=move || chosen(OTHER) on:change=move |_| pick(OTHER) />
                            <span>{s.other}</span>
                        </label>
                        {other_text()}
                    })}
                </div>
                {rating.then(|| view! { <p class="hint">{s.rating_hint}</p> })}
            }
            .into_any()
        }
        QuestionKind::Dropdown => view! {
            <select aria-label=label on:change:target=move |ev| {
                let choice = ev.target().value().parse::<u8>().ok();
                set(&|a| a.chosen = choice.into_iter().collect());
            }>
                <option value="" selected=move || current().chosen.is_empty()>{s.choose}</option>
                {labels.into_iter().enumerate().map(|(i, text)| view! {
                    <option value=i.to_string() selected=move || chosen(i as u8)>{text}</option>
                }).collect_view()}
                {question.other.then(|| view! { <option value=OTHER.to_string() selected=move || chosen(OTHER)>{s.other}</option> })}
            </select>
            <div hidden=move || !chosen(OTHER)>{other_text()}</div>
        }
        .into_any(),
        QuestionKind::Commune => {
            let picked = RwSignal::new(None::<UnitRef>);
            Effect::new(move |_| {
                if let Some(unit) = picked.get() {
                    set(&|a| {
                        a.unit = Some(unit.id);
                        a.text = unit.place();
                    });
                    picked.set(None);
                }
            });
            view! {
                {move || match current().unit {
                    Some(_) => view! {
                        <p class="chosen-unit"><strong>{current().text}</strong>
                            <button type="button" class="link" aria-label="✕" on:click=move |_| set(&|a| { a.unit = None; a.text.clear(); })>"✕"</button>
                        </p>
                    }.into_any(),
                    None => view! { <UnitPicker selected=picked /> }.into_any(),
                }}
            }
            .into_any()
        }
        kind => {
            let (input_type, numeric) = match kind {
                QuestionKind::Number => ("number", true),
                QuestionKind::Date => ("date", false),
                _ => ("text", false),
            };
            let value = match initial.number {
                Some(n) if numeric => number_text(n),
                _ => initial.text,
            };
            let write = move |text: String| {
                set(&|a| {
                    if numeric {
                        a.number = parse_number(&text);
                    } else {
                        a.text = text.clone();
                    }
                })
            };
            let range = match (question.min, question.max) {
                (Some(min), Some(max)) => Some(format!("{} – {}", number_text(min), number_text(max))),
                _ => None,
            };
            if kind == QuestionKind::Paragraph {
                view! { <textarea rows="4" aria-label=label prop:value=value on:input:target=move |ev| write(ev.target().value())></textarea> }.into_any()
            } else {
                view! {
                    <input type=input_type aria-label=label inputmode=if numeric { "decimal" } else { "text" }
                        prop:value=value on:input:target=move |ev| write(ev.target().value()) />
                    {range.map(|r| view! { <p class="hint">{r}</p> })}
                }
                .into_any()
            }
        }
    };
    view! {
        <fieldset class="question" class:has-error=move || error.get().is_some()>
            <legend>{question.text}{question.required.then_some(" *")}</legend>
            {(!question.help.is_empty()).then(|| view! { <p class="hint">{question.help}</p> })}
            {(question.max_choices > 0).then(|| view! { <p class="hint">{s.at_most} " " {question.max_choices}</p> })}
            {control}
            <FieldError error />
        </fieldset>
    }
}
