//! Quiz contests (the "Cuộc thi" tab): the list, one quiz's page with her result, the winners and
//! the answer key after the close, and for those who run it the participation and the exports.

mod builder;
mod take;

pub use builder::BuilderPage;
pub use take::TakePage;

use hoi_api::quiz::{
    AttemptView, Participation, ParticipationRow, QuizList, QuizPhase, QuizSummary, QuizView,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::components::phase::Stage;
use crate::{
    api,
    components::form::waiting,
    connection,
    i18n::{quiz::use_quiz_texts, use_texts},
    session::use_session,
    time,
};

/// A signed-out visitor is asked to sign in first: quizzes are for members.
pub(crate) fn sign_in_first(next: &str) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card">
            <A href=format!("/login?next={next}") attr:class="button primary">{t.login}</A>
            <A href=format!("/register?next={next}") attr:class="button">{t.register}</A>
        </section>
    }
}

fn phase_badge(phase: QuizPhase) -> impl IntoView {
    let stage = match phase {
        QuizPhase::Upcoming => Stage::Upcoming,
        QuizPhase::Open => Stage::Open,
        QuizPhase::Closed => Stage::Closed,
    };
    crate::components::phase::phase_badge(stage, use_quiz_texts().phase(phase))
}

/// "08:00 20/10 – 17:00 27/10/2026 · 20 câu hỏi · 15 phút".
fn facts(summary: &QuizSummary) -> String {
    let q = use_quiz_texts();
    format!(
        "{} – {} · {} {} · {} {}",
        time::date_time(summary.opens_at),
        time::date_time(summary.closes_at),
        summary.paper_size,
        q.questions,
        summary.minutes,
        q.minutes
    )
}

#[component]
pub fn QuizListPage() -> impl IntoView {
    let q = use_quiz_texts();
    let session = use_session();
    let list = api::fetched::<QuizList>(move || {
        session
            .me
            .with(Option::is_some)
            .then(|| "/api/quizzes".to_owned())
    });
    view! {
        <h1>{q.list_title}</h1>
        {move || match list.get() {
            _ if session.known.get() && session.me.with(Option::is_none) => {
                sign_in_first("/contests").into_any()
            }
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(list)) => {
                let can_create = !list.audiences.groups.is_empty() || !list.audiences.units.is_empty();
                view! {
                    {can_create.then(|| view! { <A href="/quizzes/new" attr:class="button primary">{q.create}</A> })}
                    {list.items.is_empty().then(|| view! { <p class="empty">{q.none}</p> })}
                    <ul class="quiz-list">
                        {list.items.into_iter().map(|s| {
                            let line = facts(&s);
                            view! {
                                <li class="card">
                                    <A href=format!("/quizzes/{}", s.id)>
                                        <strong>{s.title.clone()}</strong>
                                        {phase_badge(s.phase)}
                                        {s.can_manage.then(|| view! { <span class="badge board">{q.manage_badge}</span> })}
                                        <span class="muted">{line}</span>
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <crate::pages::photo_contest::PhotoContestsSection />
    }
}

#[component]
pub fn QuizPage() -> impl IntoView {
    let q = use_quiz_texts();
    let session = use_session();
    let id = crate::pages::use_id_param();
    let reload = RwSignal::new(0u32);
    let quiz = api::fetched::<QuizView>(move || {
        reload.track();
        session.me.with(Option::is_some).then_some(())?;
        Some(format!("/api/quizzes/{}", id.get()?))
    });
    view! {
        <A href="/contests" attr:class="back">"← " {q.list_title}</A>
        {move || match quiz.get() {
            _ if session.known.get() && session.me.with(Option::is_none) => {
                sign_in_first(&format!("/quizzes/{}", id.get().unwrap_or(0))).into_any()
            }
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(view)) => view! { <QuizDetails quiz=view reload /> }.into_any(),
        }}
    }
}

#[component]
fn QuizDetails(quiz: QuizView, reload: RwSignal<u32>) -> impl IntoView {
    let q = use_quiz_texts();
    let s = quiz.summary.clone();
    let id = s.id;
    let line = facts(&s);
    let attempts_left = s.attempts_used < s.attempts_allowed;
    // Taking a quiz needs the server's clock: offline, the button says so instead.
    let take = move |label: &'static str| {
        view! {
            {move || if connection::online() {
                view! { <A href=format!("/quizzes/{id}/take") attr:class="button primary big">{label}</A> }.into_any()
            } else {
                view! { <p class="notice">{q.needs_network}</p> }.into_any()
            }}
        }
        .into_any()
    };
    let action = match (s.phase, quiz.current_attempt) {
        (QuizPhase::Open, Some(_)) => Some(take(q.resume)),
        (QuizPhase::Open, None) if quiz.eligible && attempts_left => Some(take(q.start)),
        (QuizPhase::Open, None) if quiz.eligible => {
            Some(view! { <p class="muted">{q.no_attempts_left}</p> }.into_any())
        }
        (QuizPhase::Upcoming, _) => Some(view! { <p class="muted">{q.not_open_yet}</p> }.into_any()),
        _ => None,
    };
    let prizes = [
        (quiz.prizes.first, 0),
        (quiz.prizes.second, 1),
        (quiz.prizes.third, 2),
        (quiz.prizes.consolation, 3),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, i)| format!("{}: {n}", q.prizes[i]))
    .collect::<Vec<_>>()
    .join(" · ");
    // Just closed: the server ranks once the grace for answers in flight has passed; look again.
    let ranking_soon = s.phase == QuizPhase::Closed && quiz.results.is_none();
    if ranking_soon {
        set_timeout(
            move || reload.update(|n| *n += 1),
            std::time::Duration::from_secs(4),
        );
    }
    let review = quiz
        .best
        .as_ref()
        .filter(|_| s.phase == QuizPhase::Closed)
        .map(|b| b.attempt_id);
    view! {
        {s.cover_id.map(|id| view! { <img class="cover" src=format!("/api/covers/{id}") alt="" /> })}
        <h1>{s.title.clone()}</h1>
        <p>{phase_badge(s.phase)} " " <span class="muted">{line}</span></p>
        <p class="muted">{q.for_whom} ": " {quiz.audience.join(", ")}
            " · " {s.attempts_allowed} " " {q.attempts}</p>
        {action}
        {quiz.best.clone().map(|best| view! {
            <section class="card result">
                <h2>{q.your_result}</h2>
                {match best.score {
                    Some(score) => view! { <p class="score">{q.score} ": " <strong>{score}</strong> " / " {best.max_score}</p> }.into_any(),
                    None => view! { <p class="muted">{q.score_later}</p> }.into_any(),
                }}
                <p>{q.time_taken} ": " {time::clock(best.duration_ms)}
                    {best.timed_out.then(|| view! { " · " <span class="muted">{q.timed_out}</span> })}</p>
                {best.rank.map(|rank| view! {
                    <p>{q.rank} ": " <strong>{rank}</strong>
                        {best.prize.map(|p| view! { " · " <span class="badge prize">{q.prize(p)}</span> })}</p>
                })}
            </section>
        })}
        {ranking_soon.then(|| view! { <p class="muted" role="status">{q.ranking_soon}</p> })}
        {quiz.results.clone().map(|results| view! {
            <section class="card">
                <h2>{q.winners}</h2>
                {quiz.prediction.map(|kind| view! {
                    <p class="muted">{q.prediction(kind)} " " {q.truth} ": " <strong>{results.truth}</strong>
                        " · " {results.entrants} " " {q.entrants}</p>
                })}
                <ol class="winners">
                    {results.winners.into_iter().map(|w| view! {
                        <li>
                            <span class="badge prize">{w.prize.map(|p| q.prize(p))}</span>
                            <strong>{w.name}</strong>
                            <span class="muted">{w.unit.unwrap_or_default()} " · " {w.score} " " {q.score.to_lowercase()}
                                {w.gap.map(|g| format!(" · {} {g}", q.gap))} " · " {time::clock(w.duration_ms)}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        })}
        {review.map(|attempt| view! { <AnswerKeyView attempt /> })}
        {(!quiz.rules.is_empty()).then(|| view! {
            <section class="card"><h2>{q.rules}</h2><p class="pre">{quiz.rules.clone()}</p></section>
        })}
        {(!prizes.is_empty()).then(|| view! {
            <section class="card"><h2>{q.prizes_title}</h2><p>{prizes}</p>
                <p class="muted">{q.tie_breaks} ": "
                    {quiz.tie_breaks.iter().map(|t| q.tie_break(*t)).collect::<Vec<_>>().join(" → ")}</p></section>
        })}
        {s.can_manage.then(|| view! { <ManageCard id phase=s.phase reload /> })}
    }
}

/// Her paper with the key, once the quiz has closed.
#[component]
fn AnswerKeyView(attempt: i64) -> impl IntoView {
    let q = use_quiz_texts();
    let paper = api::fetched::<AttemptView>(move || Some(format!("/api/quiz-attempts/{attempt}")));
    view! {
        {move || paper.get().and_then(Result::ok).map(|paper| view! {
            <section class="card">
                <h2>{q.answer_key}</h2>
                <ol class="answer-key">
                    {paper.questions.into_iter().map(|question| {
                        let key = question.key.clone();
                        let right = key.as_ref().is_some_and(|k| k.right);
                        view! {
                            <li>
                                <p><strong>{question.text}</strong> " "
                                    <span class=if right { "badge ok" } else { "badge wrong" }>
                                        {if right { q.right } else { q.wrong }}</span></p>
                                <ul>
                                    {question.options.into_iter().map(|o| {
                                        let correct = key.as_ref().is_some_and(|k| k.correct.contains(&o.id));
                                        let chosen = question.chosen.contains(&o.id);
                                        view! {
                                            <li class:correct=correct class:chosen=chosen>
                                                {o.text}
                                                {chosen.then(|| view! { " ← " {q.your_answer} })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                {key.map(|k| k.explanation).filter(|e| !e.is_empty()).map(|e| view! { <p class="muted">{e}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}
    }
}

fn participation_table(title: &'static str, rows: Vec<ParticipationRow>) -> impl IntoView {
    let q = use_quiz_texts();
    view! {
        <h3>{title}</h3>
        <table class="unit-counts">
            <thead><tr><th></th><th>{q.entrants_header}</th><th>{q.completed}</th><th>{q.average}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr><td>{r.name}</td><td>{r.entrants}</td><td>{r.completed}</td><td>{format!("{:.1}", r.average_score)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// For those who run the quiz: participation, ending it early, the ranking files.
#[component]
fn ManageCard(id: i64, phase: QuizPhase, reload: RwSignal<u32>) -> impl IntoView {
    let q = use_quiz_texts();
    let figures = api::fetched::<Participation>(move || {
        reload.track();
        Some(format!("/api/quizzes/{id}/participation"))
    });
    let close = move |_| {
        let confirmed = window().confirm_with_message(q.close_confirm).unwrap_or(false);
        if confirmed {
            spawn_local(async move {
                if api::post::<_, ()>(&format!("/api/quizzes/{id}/close"), &())
                    .await
                    .is_ok()
                {
                    reload.update(|n| *n += 1);
                }
            });
        }
    };
    view! {
        <section class="card manage">
            <h2>{q.manage_title}</h2>
            {(phase == QuizPhase::Closed).then(|| view! {
                <a class="button primary" href=format!("/api/quizzes/{id}/ranking/export") download="">{q.download_xlsx}</a>
                <a class="button ghost" href=format!("/api/quizzes/{id}/ranking/export?format=csv") download="">{q.download_csv}</a>
            })}
            {(phase == QuizPhase::Open).then(|| view! {
                <button type="button" class="button danger" on:click=close>{q.close_now}</button>
            })}
            {(phase == QuizPhase::Upcoming).then(|| view! {
                <A href=format!("/quizzes/new?edit={id}") attr:class="button">{q.edit}</A>
            })}
            <h2>{q.participation}</h2>
            {move || figures.get().and_then(Result::ok).map(|f| view! {
                {(!f.by_group.is_empty()).then(|| participation_table(q.by_group, f.by_group))}
                {participation_table(q.by_unit, f.by_unit)}
            })}
        </section>
    }
}
