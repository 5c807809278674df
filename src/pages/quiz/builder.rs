//! The admin writes a quiz: settings, who may take part, prizes and tie-breaks, and the question
//! bank, one card per question with a "Đúng" tick beside each option. The whole draft is kept on
//! the phone as she writes (a new quiz only), and checked by the shared rules before it is sent.

use hoi_api::quiz::{
    PredictionKind, Prizes, QuestionDraft, QuestionKind, QuizAudiences, QuizDraftView, QuizForm, QuizList,
    QuizView, TieBreak,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
    components::{
        audience::AudienceChecks,
        cover::{cover_id, CoverPicker},
        form::{failure_of, waiting, FieldError, FormMessage},
        FormState,
    },
    i18n::quiz::use_quiz_texts,
    prefs, time,
};

const DRAFT: &str = "draft.quiz";

/// One question card: a signal per field, so typing re-renders only that field.
#[derive(Clone, Copy)]
struct QuestionCard {
    key: u32,
    text: RwSignal<String>,
    multiple: RwSignal<bool>,
    options: RwSignal<Vec<RwSignal<String>>>,
    correct: RwSignal<Vec<u8>>,
    points: RwSignal<String>,
    explanation: RwSignal<String>,
}

impl QuestionCard {
    fn new(key: u32, draft: &QuestionDraft) -> Self {
        QuestionCard {
            key,
            text: RwSignal::new(draft.text.clone()),
            multiple: RwSignal::new(draft.kind == QuestionKind::Multiple),
            options: RwSignal::new(draft.options.iter().cloned().map(RwSignal::new).collect()),
            correct: RwSignal::new(draft.correct.clone()),
            points: RwSignal::new(draft.points.to_string()),
            explanation: RwSignal::new(draft.explanation.clone()),
        }
    }

    fn draft(&self) -> QuestionDraft {
        QuestionDraft {
            text: self.text.get(),
            kind: if self.multiple.get() {
                QuestionKind::Multiple
            } else {
                QuestionKind::Single
            },
            options: self.options.get().iter().map(|o| o.get()).collect(),
            correct: self.correct.get(),
            points: self.points.get().trim().parse().unwrap_or(0),
            explanation: self.explanation.get(),
        }
    }
}

fn blank_question() -> QuestionDraft {
    QuestionDraft {
        text: String::new(),
        kind: QuestionKind::Single,
        options: vec![String::new(); 4],
        correct: Vec::new(),
        points: 10,
        explanation: String::new(),
    }
}

fn new_quiz() -> QuizForm {
    let now = time::now();
    QuizForm {
        title: String::new(),
        rules: String::new(),
        opens_at: now,
        closes_at: now + chrono::Duration::days(7),
        minutes: 15,
        attempts: 1,
        draw: 0,
        shuffle_options: true,
        group_ids: Vec::new(),
        unit_ids: Vec::new(),
        prediction: Some(PredictionKind::PerfectScores),
        tie_breaks: TieBreak::DEFAULT.to_vec(),
        prizes: Prizes {
            first: 1,
            second: 2,
            third: 3,
            consolation: 5,
        },
        score_after_submit: true,
        questions: vec![blank_question()],
        cover_id: None,
    }
}

#[component]
pub fn BuilderPage() -> impl IntoView {
    let edit: Option<i64> = use_query_map().with_untracked(|q| q.get("edit").and_then(|e| e.parse().ok()));
    let list = api::fetched::<QuizList>(|| Some("/api/quizzes".to_owned()));
    let existing = api::fetched::<QuizDraftView>(move || edit.map(|id| format!("/api/quizzes/{id}/form")));
    view! {
        {move || match (list.get(), edit, existing.get()) {
            (Some(Ok(list)), None, _) => {
                let start = prefs::load(DRAFT)
                    .and_then(|text| serde_json::from_str(&text).ok())
                    .unwrap_or_else(new_quiz);
                view! { <Builder start audiences=list.audiences edit=None /> }.into_any()
            }
            (Some(Ok(list)), Some(id), Some(Ok(found))) => {
                view! { <Builder start=found.form audiences=list.audiences edit=Some(id) /> }.into_any()
            }
            // Still on their way, or failed: the failure is said, never "loading" forever.
            (list, _, existing) => waiting(failure_of(&list).or_else(|| failure_of(&existing))),
        }}
    }
}

/// A number box whose text becomes a `u32` (0 when it is not a number: the rules then say so).
fn number(value: RwSignal<String>) -> u32 {
    value.get().trim().parse().unwrap_or(0)
}

#[component]
fn Builder(start: QuizForm, audiences: QuizAudiences, edit: Option<i64>) -> impl IntoView {
    let q = use_quiz_texts();
    let form = FormState::new();
    let navigate = use_navigate();
    let title = RwSignal::new(start.title.clone());
    let rules = RwSignal::new(start.rules.clone());
    let cover = RwSignal::new(start.cover_id.map(|id| id.to_string()).unwrap_or_default());
    let opens = RwSignal::new(time::to_input(start.opens_at));
    let closes = RwSignal::new(time::to_input(start.closes_at));
    let minutes = RwSignal::new(start.minutes.to_string());
    let attempts = RwSignal::new(start.attempts.to_string());
    let draw = RwSignal::new(start.draw.to_string());
    let shuffle = RwSignal::new(start.shuffle_options);
    let score_after = RwSignal::new(start.score_after_submit);
    let groups = RwSignal::new(start.group_ids.clone());
    let units = RwSignal::new(start.unit_ids.clone());
    let prediction = RwSignal::new(start.prediction);
    let tie_breaks = RwSignal::new(start.tie_breaks.clone());
    let prize_counts = [
        start.prizes.first,
        start.prizes.second,
        start.prizes.third,
        start.prizes.consolation,
    ]
    .map(|n| RwSignal::new(n.to_string()));
    let next_key = StoredValue::new(0u32);
    let card = move |draft: &QuestionDraft| {
        next_key.update_value(|k| *k += 1);
        QuestionCard::new(next_key.get_value(), draft)
    };
    let cards = RwSignal::new(start.questions.iter().map(card).collect::<Vec<_>>());

    let collect = move || QuizForm {
        title: title.get(),
        rules: rules.get(),
        opens_at: time::from_input(&opens.get()).unwrap_or(start.opens_at),
        closes_at: time::from_input(&closes.get()).unwrap_or(start.closes_at),
        minutes: number(minutes),
        attempts: number(attempts),
        draw: number(draw),
        shuffle_options: shuffle.get(),
        group_ids: groups.get(),
        unit_ids: units.get(),
        prediction: prediction.get(),
        tie_breaks: tie_breaks.get(),
        prizes: Prizes {
            first: number(prize_counts[0]),
            second: number(prize_counts[1]),
            third: number(prize_counts[2]),
            consolation: number(prize_counts[3]),
        },
        score_after_submit: score_after.get(),
        questions: cards.get().iter().map(QuestionCard::draft).collect(),
        cover_id: cover.with(|text| cover_id(text)),
    };
    // A new quiz is kept on the phone as she writes; an edit is not (the server has it).
    if edit.is_none() {
        Effect::new(move |_| {
            if let Ok(text) = serde_json::to_string(&collect()) {
                prefs::save(DRAFT, &text);
            }
        });
    }

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
                Some(id) => api::put::<_, QuizView>(&format!("/api/quizzes/{id}"), &request).await,
                None => api::post::<_, QuizView>("/api/quizzes", &request).await,
            }
        };
        form.send(request, move |view| {
            prefs::forget(DRAFT);
            navigate(&format!("/quizzes/{}", view.summary.id), Default::default());
        });
    };
    let error = move |name: &'static str| {
        let text = form.field(name);
        view! { <FieldError error=text /> }
    };
    let text_input =
        move |id: &'static str, label: &'static str, value: RwSignal<String>, kind: &'static str| {
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    <input id=id type=kind bind:value=value on:input=move |_| form.clear_field(id) />
                    {error(id)}
                </div>
            }
        };
    let tick = |label: &'static str, value: RwSignal<bool>| {
        view! { <label class="check"><input type="checkbox" bind:checked=value />" " {label}</label> }
    };

    view! {
        <h1>{if edit.is_some() { q.edit } else { q.builder_title }}</h1>
        <form class="quiz-builder" on:submit=submit novalidate>
            {text_input("title", q.title, title, "text")}
            <CoverPicker cover form />
            <div class="field">
                <label for="rules">{q.rules}</label>
                <textarea id="rules" rows="4" bind:value=rules></textarea>
                {error("rules")}
            </div>
            {text_input("opens_at", q.opens_at, opens, "datetime-local")}
            {text_input("closes_at", q.closes_at, closes, "datetime-local")}
            <p class="hint">{q.time_hint}</p>
            <div class="two-col">
                {text_input("minutes", q.minutes_label, minutes, "number")}
                {text_input("attempts", q.attempts_label, attempts, "number")}
            </div>
            {text_input("draw", q.draw_label, draw, "number")}
            <p class="hint">{q.draw_hint}</p>
            {tick(q.shuffle, shuffle)}
            {tick(q.score_after, score_after)}

            <AudienceChecks legend=q.audience audiences groups units form />

            <fieldset>
                <legend>{q.prediction_setting}</legend>
                <select aria-label=q.prediction_setting
                    on:change:target=move |ev| prediction.set(PredictionKind::parse(&ev.target().value()))>
                    <option value="" selected=start.prediction.is_none()>{q.no_prediction}</option>
                    {[PredictionKind::PerfectScores, PredictionKind::Entrants].into_iter().map(|k| view! {
                        <option value=k.as_str() selected=start.prediction == Some(k)>{q.prediction(k)}</option>
                    }).collect_view()}
                </select>
                <p>{q.tie_breaks}</p>
                <ol class="tie-breaks">
                    {move || tie_breaks.get().into_iter().enumerate().map(|(i, tb)| view! {
                        <li>{q.tie_break(tb)}
                            {(i > 0).then(|| view! {
                                <button type="button" class="button ghost small"
                                    on:click=move |_| tie_breaks.update(|l| l.swap(i - 1, i))>{q.move_up}</button>
                            })}
                        </li>
                    }).collect_view()}
                </ol>
            </fieldset>

            <fieldset>
                <legend>{q.prizes_title}</legend>
                <div class="prize-grid">
                    {prize_counts.iter().enumerate().map(|(i, count)| {
                        let id = ["prize_first", "prize_second", "prize_third", "prize_consolation"][i];
                        view! {
                            <div class="field">
                                <label for=id>{q.prizes[i]}</label>
                                <input id=id type="number" min="0" bind:value=*count />
                            </div>
                        }
                    }).collect_view()}
                </div>
                {error("prizes")}
            </fieldset>

            <h2>{q.bank}</h2>
            {error("questions")}
            <For each=move || cards.get() key=|c| c.key let:card>
                <QuestionEditor card cards form />
            </For>
            <button type="button" class="button ghost"
                on:click=move |_| cards.update(|list| list.push(card(&blank_question())))>{q.add_question}</button>

            {edit.is_none().then(|| view! { <p class="hint">{q.draft_note}</p> })}
            <FormMessage form />
            <button type="submit" class="button primary big" disabled=move || form.busy.get()>{q.save_quiz}</button>
        </form>
    }
}

#[component]
fn QuestionEditor(card: QuestionCard, cards: RwSignal<Vec<QuestionCard>>, form: FormState) -> impl IntoView {
    let q = use_quiz_texts();
    let index = move || cards.with(|list| list.iter().position(|c| c.key == card.key).unwrap_or(0));
    let language = use_context::<crate::i18n::I18n>().map_or(crate::i18n::Lang::Vi, |i| i.0.get_untracked());
    let field_error = move |part: &'static str| {
        move || {
            let name = format!("questions.{}.{part}", index());
            form.fields
                .with(|f| f.get(&name).copied())
                .map(|code| crate::i18n::error_text(language, code, None))
        }
    };
    let text_id = move || format!("q{}-text", card.key);
    let only_one = move || cards.with(|l| l.len() <= 1);
    // Any edit inside the card (inputs bubble up to it) clears that question's errors.
    let clear_errors = move || {
        let prefix = format!("questions.{}.", index());
        if form
            .fields
            .with_untracked(|f| f.keys().any(|k| k.starts_with(&prefix)))
        {
            form.fields.update(|f| f.retain(|k, _| !k.starts_with(&prefix)));
        }
    };
    view! {
        <section class="card question-card" on:input=move |_| clear_errors() on:change=move |_| clear_errors()>
            <label for=text_id>{q.question_text} " " {move || index() + 1}</label>
            <textarea id=text_id rows="2" bind:value=card.text></textarea>
            <FieldError error=field_error("text") />
            <label class="check"><input type="checkbox" bind:checked=card.multiple />" " {q.multiple}</label>
            <ul class="option-editor">
                {move || card.options.get().into_iter().enumerate().map(|(i, option)| {
                    let i = u8::try_from(i).unwrap_or(0);
                    view! {
                        <li>
                            <input type="text" aria-label=format!("{} {}", q.option, i + 1) bind:value=option />
                            <label class="check">
                                <input type="checkbox" prop:checked=move || card.correct.with(|c| c.contains(&i))
                                    on:change=move |_| card.correct.update(|c| {
                                        if let Some(at) = c.iter().position(|x| *x == i) {
                                            c.remove(at);
                                        } else if card.multiple.get_untracked() {
                                            c.push(i);
                                            c.sort_unstable();
                                        } else {
                                            *c = vec![i];
                                        }
                                    }) />
                                " " {q.correct}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FieldError error=field_error("options") />
            <FieldError error=field_error("correct") />
            <button type="button" class="button ghost small"
                on:click=move |_| card.options.update(|o| o.push(RwSignal::new(String::new())))>{q.add_option}</button>
            <div class="two-col">
                <div class="field">
                    <label for=move || format!("q{}-points", card.key)>{q.points}</label>
                    <input id=move || format!("q{}-points", card.key) type="number" min="1" bind:value=card.points />
                    <FieldError error=field_error("points") />
                </div>
            </div>
            <label for=move || format!("q{}-explanation", card.key)>{q.explanation}</label>
            <textarea id=move || format!("q{}-explanation", card.key) rows="2" bind:value=card.explanation></textarea>
            <button type="button" class="button ghost small danger-text"
                disabled=only_one
                on:click=move |_| cards.update(|list| list.retain(|c| c.key != card.key))>{q.remove_question}</button>
        </section>
    }
}
