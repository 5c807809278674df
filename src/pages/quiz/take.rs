//! Taking a quiz on a phone: one question per screen with large options, a progress bar and the
//! server's countdown. Each answer is saved to the server as she taps it; one the network drops is
//! kept on the phone and sent again, so a reload or a lost connection loses nothing. When time
//! runs out the paper is submitted as it stands.

use std::collections::BTreeMap;

use hoi_api::quiz::{AnswerRequest, AttemptView, PredictionRequest, QuestionKind};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api::{self, Failure},
    components::form::waiting,
    connection,
    i18n::quiz::use_quiz_texts,
    prefs, time,
};

/// Answers not yet acknowledged by the server, kept on the phone: question id → options.
type Pending = BTreeMap<i64, Vec<u8>>;

fn pending_key(attempt: i64) -> String {
    format!("quiz.{attempt}.pending")
}

fn load_pending(attempt: i64) -> Pending {
    prefs::load(&pending_key(attempt))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn store_pending(attempt: i64, pending: &Pending) {
    if pending.is_empty() {
        prefs::forget(&pending_key(attempt));
    } else if let Ok(text) = serde_json::to_string(pending) {
        prefs::save(&pending_key(attempt), &text);
    }
}

#[component]
pub fn TakePage() -> impl IntoView {
    let q = use_quiz_texts();
    let quiz_id = crate::pages::use_id_param().get_untracked().unwrap_or(0);
    let paper = RwSignal::new(None::<Result<AttemptView, Failure>>);
    // Starting gives back the paper in progress when there is one: a reload resumes it.
    spawn_local(async move {
        let answer = api::post::<_, AttemptView>(&format!("/api/quizzes/{quiz_id}/attempts"), &()).await;
        paper.set(Some(answer));
    });
    view! {
        <A href=format!("/quizzes/{quiz_id}") attr:class="back">{q.back_to_quiz}</A>
        {move || match paper.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(view)) if view.submitted => view! { <Finished paper=view /> }.into_any(),
            Some(Ok(view)) => view! { <Paper paper=view on_done=move |done| paper.set(Some(Ok(done))) /> }.into_any(),
        }}
    }
}

/// What to do after the paper ends: show the submitted paper.
type OnDone = Callback<AttemptView>;

#[component]
fn Paper(paper: AttemptView, #[prop(into)] on_done: OnDone) -> impl IntoView {
    let q = use_quiz_texts();
    let attempt = paper.id;
    let total = paper.questions.len();
    let questions = StoredValue::new(paper.questions.clone());
    let prediction_kind = paper.prediction_kind;
    // Answers the server has, overlaid with those still on the phone.
    let unsent = load_pending(attempt);
    let mut initial: BTreeMap<i64, Vec<u8>> =
        paper.questions.iter().map(|p| (p.id, p.chosen.clone())).collect();
    initial.extend(unsent.clone());
    let answers = RwSignal::new(initial);
    let pending = RwSignal::new(unsent);
    let failing = RwSignal::new(false);
    let position_key = format!("quiz.{attempt}.at");
    let at = RwSignal::new(
        prefs::load(&position_key)
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(0)
            .min(total),
    );
    Effect::new(move |_| prefs::save(&position_key, &at.get().to_string()));
    let prediction = RwSignal::new(paper.prediction.map(|p| p.to_string()).unwrap_or_default());
    let timed_out = RwSignal::new(false);
    let finished = RwSignal::new(false);

    // The countdown runs on the phone's clock from the server's figure at the time of loading.
    let deadline = js_sys::Date::now() + paper.remaining_ms as f64;
    let remaining = RwSignal::new(paper.remaining_ms);
    let finish = move |late: bool| {
        if finished.get_untracked() {
            return;
        }
        finished.set(true);
        timed_out.set(late);
        let predicted = prediction.get_untracked().trim().parse::<i64>().ok();
        spawn_local(async move {
            send_pending(attempt, pending, failing).await;
            if let Some(value) = predicted {
                send_prediction(attempt, value, failing).await;
            }
            let _ = api::post::<_, AttemptView>(&format!("/api/quiz-attempts/{attempt}/submit"), &()).await;
            // Whether it was in time or the server submitted it, the paper as it stands.
            if let Ok(done) = api::get::<AttemptView>(&format!("/api/quiz-attempts/{attempt}")).await {
                prefs::forget(&format!("quiz.{attempt}.at"));
                on_done.run(done);
            } else {
                finished.set(false);
            }
        });
    };
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let left = (deadline - js_sys::Date::now()) as i64;
            remaining.set(left.max(0));
            if left <= 0 {
                finish(true);
            }
        },
        std::time::Duration::from_millis(500),
    ) {
        on_cleanup(move || handle.clear());
    }
    // Answers left on the phone by a reload go out first.
    spawn_local(async move { send_pending(attempt, pending, failing).await });

    let choose = move |question: i64, option: u8, multiple: bool| {
        answers.update(|all| {
            let chosen = all.entry(question).or_default();
            if multiple {
                if let Some(i) = chosen.iter().position(|c| *c == option) {
                    chosen.remove(i);
                } else {
                    chosen.push(option);
                    chosen.sort_unstable();
                }
            } else {
                *chosen = vec![option];
            }
        });
        let chosen = answers.with_untracked(|all| all.get(&question).cloned().unwrap_or_default());
        pending.update(|p| {
            p.insert(question, chosen);
        });
        pending.with_untracked(|p| store_pending(attempt, p));
        spawn_local(async move { send_pending(attempt, pending, failing).await });
    };
    let save_prediction = move || {
        let Ok(value) = prediction.get_untracked().trim().parse::<i64>() else {
            return;
        };
        spawn_local(send_prediction(attempt, value, failing));
    };
    let unanswered = move || {
        answers.with(|all| {
            questions.with_value(|qs| {
                qs.iter()
                    .filter(|q| all.get(&q.id).is_none_or(Vec::is_empty))
                    .count()
            })
        })
    };

    // Comparisons live outside `view!`, whose parser would read `>` as the end of a tag.
    let low_time = move || remaining.get() < 60_000;
    let at_start = move || at.get() == 0;
    let at_end = move || at.get() >= total;
    view! {
        <h1 class="quiz-title">{paper.title}</h1>
        <div class="quiz-status" role="status">
            <span>{move || if at.get() < total { format!("{} {}/{}", q.question_of, at.get() + 1, total) } else { q.submit.to_owned() }}</span>
            <span class="countdown" class:low=low_time>
                {q.time_left} " " {move || time::clock(remaining.get())}</span>
        </div>
        // A native bar: the server's content policy forbids inline styles, so no width to set.
        <progress class="progress-bar" aria-hidden="true" max=total value=move || at.get()></progress>
        <p class="save-state" class:unsaved=failing>
            {move || match (pending.with(BTreeMap::is_empty), failing.get()) {
                (true, _) => q.saved,
                (false, false) => q.saving,
                (false, true) => q.unsaved,
            }}
        </p>
        {move || {
            let index = at.get();
            match questions.with_value(|qs| qs.get(index).cloned()) {
                Some(question) => {
                    let multiple = question.kind == QuestionKind::Multiple;
                    let qid = question.id;
                    view! {
                        <fieldset class="question">
                            <legend>{question.text.clone()}</legend>
                            <p class="hint">{if multiple { q.pick_many } else { q.pick_one }}</p>
                            {question.options.iter().map(|option| {
                                let oid = option.id;
                                let checked = move || answers.with(|all| all.get(&qid).is_some_and(|c| c.contains(&oid)));
                                view! {
                                    <label class="option" class:selected=checked>
                                        <input type=if multiple { "checkbox" } else { "radio" } name=format!("q{qid}")
                                            prop:checked=checked
                                            on:change=move |_| choose(qid, oid, multiple) />
                                        <span>{option.text.clone()}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }
                None => view! {
                    <section class="card submit-card">
                        {prediction_kind.map(|kind| view! {
                            <h2>{q.prediction_title}</h2>
                            <label for="prediction">{q.prediction(kind)}</label>
                            <input id="prediction" type="number" inputmode="numeric" min="0"
                                aria-label=q.prediction_label bind:value=prediction
                                on:change=move |_| save_prediction() />
                        })}
                        {move || (unanswered() > 0).then(|| view! {
                            <p class="form-error">{unanswered()} " " {q.unanswered}</p>
                        })}
                        {move || (!connection::online()).then(|| view! { <p class="notice">{q.needs_network}</p> })}
                        <button type="button" class="button primary big" disabled=move || finished.get() || !connection::online()
                            on:click=move |_| {
                                if window().confirm_with_message(q.submit_confirm).unwrap_or(false) {
                                    finish(false);
                                }
                            }>{q.submit}</button>
                    </section>
                }.into_any(),
            }
        }}
        <div class="quiz-nav">
            <button type="button" class="button ghost" disabled=at_start
                on:click=move |_| at.update(|a| *a = a.saturating_sub(1))>{q.previous}</button>
            <button type="button" class="button" disabled=at_end
                on:click=move |_| at.update(|a| *a = (*a + 1).min(total))>{q.next}</button>
        </div>
        <Show when=move || timed_out.get()>
            <p class="form-error" role="alert">{q.time_up}</p>
        </Show>
    }
}

/// Sends every answer still on the phone, one by one, until the server has them all; a network
/// failure waits three seconds and tries again. An answer the server refuses (time is up) is
/// dropped: the paper is closed.
async fn send_pending(attempt: i64, pending: RwSignal<Pending>, failing: RwSignal<bool>) {
    loop {
        let Some((question, chosen)) =
            pending.with_untracked(|p| p.iter().next().map(|(k, v)| (*k, v.clone())))
        else {
            return;
        };
        let sent = api::put::<_, ()>(
            &format!("/api/quiz-attempts/{attempt}/answers/{question}"),
            &AnswerRequest {
                chosen: chosen.clone(),
            },
        )
        .await;
        failing.set(matches!(sent, Err(Failure::Network)));
        if failing.get_untracked() {
            sleep_ms(3_000).await;
            continue;
        }
        pending.update(|p| {
            // A newer tap on the same question while this one travelled is sent next round.
            if p.get(&question) == Some(&chosen) {
                p.remove(&question);
            }
        });
        pending.with_untracked(|p| store_pending(attempt, p));
    }
}

/// Sends her prediction, retried while the network fails as her answers are (the same `failing`
/// notice shows meanwhile); a refusal (time is up) is the server's last word and ends it.
async fn send_prediction(attempt: i64, value: i64, failing: RwSignal<bool>) {
    loop {
        let sent = api::put::<_, ()>(
            &format!("/api/quiz-attempts/{attempt}/prediction"),
            &PredictionRequest { value },
        )
        .await;
        failing.set(matches!(sent, Err(Failure::Network)));
        if !failing.get_untracked() {
            return;
        }
        sleep_ms(3_000).await;
    }
}

/// Waits without a timer crate: a promise resolved by `setTimeout`.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The paper once submitted: the thanks, her score when the rules show it, and the way back.
#[component]
fn Finished(paper: AttemptView) -> impl IntoView {
    let q = use_quiz_texts();
    let result = paper.result.clone();
    let late = result.as_ref().is_some_and(|r| r.timed_out);
    view! {
        <h1 class="quiz-title">{paper.title.clone()}</h1>
        <section class="card result">
            <p class="ok-text" role="status">{if late { q.time_up } else { q.submitted }}</p>
            {result.map(|r| match r.score {
                Some(score) => view! { <p class="score">{q.score} ": " <strong>{score}</strong> " / " {r.max_score}</p> }.into_any(),
                None => view! { <p class="muted">{q.score_later}</p> }.into_any(),
            })}
            <A href=format!("/quizzes/{}", paper.quiz_id) attr:class="button">{q.back_to_quiz}</A>
        </section>
    }
}
