//! Photo contests: the list under the "Cuộc thi" tab, a contest's page (rules, her entries, the
//! gallery with live counts, the results), and for its admins the waiting entries, the fraud
//! signals and the downloads.

mod builder;
mod enter;
mod entry;
mod judge;
mod manage;

pub use builder::PhotoContestBuilderPage;
pub use entry::EntryPage;
pub use judge::JudgePage;

use std::collections::HashMap;

use hoi_api::photo_contest::{
    EntryStatus, EntryView, PhotoContestList, PhotoContestPhase, PhotoContestResults, PhotoContestView,
    TallyUpdate,
};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::phase::Stage;
use crate::{
    api,
    components::form::{loaded, waiting},
    i18n::photo_contest::use_photo_contest_texts,
    live, time,
};

/// Live counts by entry, kept current by the contest's tally stream while the page is open.
pub type Counts = RwSignal<HashMap<i64, u32>>;

fn phase_badge(phase: PhotoContestPhase) -> impl IntoView {
    let stage = match phase {
        PhotoContestPhase::Closed => Stage::Closed,
        PhotoContestPhase::Upcoming | PhotoContestPhase::Waiting => Stage::Upcoming,
        PhotoContestPhase::Entering | PhotoContestPhase::Voting => Stage::Open,
    };
    crate::components::phase::phase_badge(stage, use_photo_contest_texts().phase(phase))
}

/// The photo contests under the quiz list, with "+ Tạo cuộc thi ảnh" for each group she runs.
#[component]
pub fn PhotoContestsSection() -> impl IntoView {
    let c = use_photo_contest_texts();
    let list = api::fetched::<PhotoContestList>(|| Some("/api/photo-contests".to_owned()));
    view! {
        <h2>{c.list_title}</h2>
        {move || match list.get() {
            None => ().into_any(),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(list)) => view! {
                {list.can_create_in.into_iter().map(|g| view! {
                    <A href=format!("/photo-contests/new?group={}", g.id) attr:class="button">
                        {c.create} " · " {g.name}
                    </A>
                }).collect_view()}
                {list.photo_contests.is_empty().then(|| view! { <p class="empty">{c.none}</p> })}
                <ul class="quiz-list">
                    {list.photo_contests.into_iter().map(|s| view! {
                        <li class="card">
                            <A href=format!("/photo-contests/{}", s.id)>
                                <strong>{s.title.clone()}</strong>
                                {phase_badge(s.phase)}
                                <span class="muted">
                                    {s.group_name.clone()} " · " {s.entry_count} " " {c.entries_count}
                                    " · " {c.voting_window} " → " {time::date_time(s.voting_close_at)}
                                </span>
                            </A>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
pub fn PhotoContestPage() -> impl IntoView {
    let c = use_photo_contest_texts();
    let id = crate::pages::use_id_param();
    let reload = RwSignal::new(0u32);
    let contest = api::fetched::<PhotoContestView>(move || {
        reload.track();
        Some(format!("/api/photo-contests/{}", id.get()?))
    });
    view! {
        <A href="/contests" attr:class="back">{c.back}</A>
        {move || loaded(contest.get(), |view| view! { <PhotoContestDetails contest=view reload /> }.into_any())}
    }
}

#[component]
fn PhotoContestDetails(contest: PhotoContestView, reload: RwSignal<u32>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let id = contest.id;
    let counts: Counts = RwSignal::new(
        contest
            .gallery
            .iter()
            .filter_map(|e| Some((e.id, e.votes?)))
            .collect(),
    );
    let counts_shown =
        contest.live_results || contest.phase == PhotoContestPhase::Closed || contest.can_manage;
    if counts_shown && contest.phase != PhotoContestPhase::Closed {
        live::listen_at(&format!("/api/photo-contests/{id}/tally"), "tally", move |data| {
            if let Ok(update) = serde_json::from_str::<TallyUpdate>(&data) {
                counts.update(|known| known.extend(update.counts));
            }
        });
    }
    let weights = c
        .weights
        .replace("{j}", &contest.judge_weight.to_string())
        .replace("{v}", &(100 - contest.judge_weight.min(100)).to_string());
    let left = contest
        .votes_left_today
        .map(|n| c.votes_left.replace("{n}", &n.to_string()));
    // Her entries that still stand use up her quota; a rejected one does not.
    let standing = contest
        .my_entries
        .iter()
        .filter(|e| e.status != EntryStatus::Rejected)
        .count();
    let room = standing < contest.entries_per_member as usize;
    let show_results = contest.phase == PhotoContestPhase::Closed || contest.can_manage || contest.is_judge;
    view! {
        {contest.cover_photo_id.map(|photo| view! {
            <img class="cover" src=format!("/api/photos/{photo}") alt="" />
        })}
        <h1>{contest.title.clone()}</h1>
        <p>{phase_badge(contest.phase)} " " <span class="muted">{contest.group_name.clone()}</span></p>
        <section class="card">
            <p>
                <strong>{c.entries_window} ": "</strong>
                {time::date_time(contest.entries_open_at)} " – " {time::date_time(contest.entries_close_at)}
            </p>
            <p>
                <strong>{c.voting_window} ": "</strong>
                {time::date_time(contest.voting_open_at)} " – " {time::date_time(contest.voting_close_at)}
            </p>
            {(!contest.rules.is_empty()).then(|| view! {
                <p><strong>{c.rules} ": "</strong>{contest.rules.clone()}</p>
            })}
            {(contest.judge_weight > 0).then(|| view! {
                <p><strong>{c.judges} ": "</strong>{contest.judges.join(", ")}</p>
                <p class="muted">{weights.clone()}</p>
            })}
            {(!counts_shown).then(|| view! { <p class="muted">{c.hidden_counts}</p> })}
            {left.map(|line| view! { <p class="muted">{line}</p> })}
        </section>
        {contest.is_judge.then(|| view! {
            <A href=format!("/photo-contests/{id}/judge") attr:class="button">{c.judge_link}</A>
        })}
        {(contest.may_enter && contest.accepting_entries && room).then(|| view! { <enter::EnterForm contest_id=id reload /> })}
        {(!contest.my_entries.is_empty()).then(|| view! { <MyEntries entries=contest.my_entries.clone() /> })}
        {show_results.then(|| view! { <Results contest_id=id /> })}
        <Gallery entries=contest.gallery.clone() counts may_vote=contest.may_vote && contest.phase == PhotoContestPhase::Voting />
        {contest.can_manage.then(|| view! { <manage::ManageCard contest=contest.clone() reload /> })}
    }
}

#[component]
fn MyEntries(entries: Vec<EntryView>) -> impl IntoView {
    let c = use_photo_contest_texts();
    view! {
        <section class="card">
            <h2>{c.my_entries}</h2>
            <ul class="plain">
                {entries.into_iter().map(|e| view! {
                    <li>
                        <A href=format!("/entries/{}", e.id)>{e.title.clone()}</A>
                        " · " <span class="badge">{c.status(e.status)}</span>
                        {e.reason.clone().map(|r| view! { <p class="field-error">{r}</p> })}
                        {(e.status == EntryStatus::Pending).then(|| view! { <p class="hint" role="status">{c.sent}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The approved entries as a grid of thumbnails with their counts and a vote button each.
#[component]
fn Gallery(entries: Vec<EntryView>, counts: Counts, may_vote: bool) -> impl IntoView {
    let c = use_photo_contest_texts();
    view! {
        <h2>{c.gallery}</h2>
        {entries.is_empty().then(|| view! { <p class="empty">{c.gallery_empty}</p> })}
        <ul class="gallery">
            {entries.into_iter().map(|e| {
                let thumb = e.photos.first().map(|p| format!("/api/photos/{}/thumb", p.id));
                view! {
                    <li class="card">
                        <A href=format!("/entries/{}", e.id)>
                            {thumb.map(|src| view! { <img src=src alt="" loading="lazy" /> })}
                            <strong>{e.title.clone()}</strong>
                            <span class="muted">{e.author_name}</span>
                        </A>
                        <entry::VoteButton entry_id=e.id voted=e.voted counts may_vote />
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The ranking: final after the close; a preview for admins and judges before it.
#[component]
fn Results(contest_id: i64) -> impl IntoView {
    let c = use_photo_contest_texts();
    let results = api::fetched::<PhotoContestResults>(move || {
        Some(format!("/api/photo-contests/{contest_id}/results"))
    });
    let points = |value: f64| {
        format!("{value:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",")
    };
    view! {
        {move || results.get().and_then(Result::ok).map(|r| view! {
            <section class="card results">
                <h2>{if r.final_results { c.results_title } else { c.results_preview }}</h2>
                <table>
                    <thead><tr>
                        <th>{c.rank}</th><th>{c.entry_title}</th><th>{c.judges_score}</th>
                        <th>{c.votes}</th><th>{c.total}</th>
                    </tr></thead>
                    <tbody>
                        {r.rows.into_iter().map(|row| view! {
                            <tr>
                                <td>{row.rank}</td>
                                <td><A href=format!("/entries/{}", row.entry_id)>{row.title.clone()}</A>
                                    <br /><span class="muted">{row.author_name.clone()}</span></td>
                                <td>{row.judge_average.map(points).unwrap_or_else(|| "–".into())}</td>
                                <td>{row.votes}</td>
                                <td><strong>{points(row.total)}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
    }
}
