//! The reports page (`/reports`): the figures of a group or a unit with everything under it for a
//! week, month, quarter or any span; SVG charts drawn here; the side-by-side table of its child
//! units; the workbook; a print view for a clean A4 PDF; and the oversight (overdue queues, the
//! admin log) for the board and its advisors. Counts only, no member's name.
//!
//! Every share and rate is worked out with integers: formatting a float would add ~12 KB of
//! compressed wasm to the app.

mod charts;

use hoi_api::{
    report::{Oversight, Report},
    survey::ResultScope,
};
use leptos::prelude::*;

use crate::{
    api,
    components::form::{waiting, FailureMessage},
    i18n::report::use_report_texts,
};
use charts::{bars, line};

const PERIODS: [&str; 4] = ["week", "month", "quarter", "custom"];

/// `part` of `whole` in whole percent, rounded.
fn percent(part: u32, whole: u32) -> u32 {
    let whole = u64::from(whole.max(1));
    ((u64::from(part) * 200 + whole) / (2 * whole)) as u32
}

/// "12,5": a tenth-precision figure without float formatting.
fn tenths(value: u64) -> String {
    format!("{},{}", value / 10, value % 10)
}

fn duration(seconds: Option<u32>) -> String {
    let r = use_report_texts();
    match seconds {
        None => r.none_yet.to_owned(),
        Some(s) if s >= 86_400 => format!("{} {} {} {}", s / 86_400, r.days, s % 86_400 / 3600, r.hours),
        Some(s) if s >= 3600 => format!("{} {} {} {}", s / 3600, r.hours, s % 3600 / 60, r.minutes),
        Some(s) => format!("{} {}", s / 60, r.minutes),
    }
}

/// `YYYY-MM-DD` as "22/11/2026".
fn day_text(day: &str) -> String {
    match (day.get(0..4), day.get(5..7), day.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => day.to_owned(),
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let r = use_report_texts();
    let scopes = api::fetched::<Vec<ResultScope>>(|| Some("/api/reports/scopes".into()));
    let scope = RwSignal::new(String::new());
    let period = RwSignal::new("month".to_owned());
    let at = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let days = RwSignal::new(3u32);
    let query = move || {
        let key = scope.get();
        if key.is_empty() {
            return None;
        }
        let p = period.get();
        let span = if p == "custom" {
            format!("&from={}&to={}", from.get(), to.get())
        } else {
            format!("&at={}", at.get())
        };
        Some(format!("?scope={key}&period={p}{span}"))
    };
    Effect::new(move || {
        if let Some(Ok(list)) = scopes.get() {
            if scope.get_untracked().is_empty() {
                if let Some(first) = list.first() {
                    scope.set(first.key.clone());
                }
            }
        }
    });
    let report = api::fetched::<Report>(move || query().map(|q| format!("/api/reports{q}")));
    let oversight = api::fetched::<Oversight>(move || {
        let key = scope.get();
        (!key.is_empty()).then(|| format!("/api/reports/oversight?scope={key}&days={}", days.get()))
    });
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <h1>{r.title}</h1>
        {move || match scopes.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{r.none}</p> }.into_any(),
            Some(Ok(list)) => view! {
                <div class="card form report-controls no-print">
                    <label class="field">{r.scope}
                        <select id="report-scope" on:change:target=move |ev| scope.set(ev.target().value())>
                            {list.into_iter().map(|s| {
                                let chosen = scope.get_untracked() == s.key;
                                view! { <option value=s.key selected=chosen>{s.name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">{r.period}
                        <select id="report-period" on:change:target=move |ev| period.set(ev.target().value())>
                            {PERIODS.iter().zip(r.periods).map(|(key, label)| {
                                view! { <option value=*key selected=*key == "month">{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || period.get() != "custom">
                        <label class="field">{r.at}<input type="date" id="report-at" on:change:target=move |ev| at.set(ev.target().value()) /></label>
                    </Show>
                    <Show when=move || period.get() == "custom">
                        <label class="field">{r.from}<input type="date" id="report-from" on:change:target=move |ev| from.set(ev.target().value()) /></label>
                        <label class="field">{r.to}<input type="date" id="report-to" on:change:target=move |ev| to.set(ev.target().value()) /></label>
                    </Show>
                </div>
            }.into_any(),
        }}
        {move || report.get().map(|found| match found {
            Err(failure) => view! { <FailureMessage failure /> }.into_any(),
            Ok(report) => {
                let href = query().map(|q| format!("/api/reports/export{q}")).unwrap_or_default();
                view! {
                    <p class="actions no-print">
                        <a class="button" href=href download>{r.download}</a>
                        <button type="button" class="button ghost" on:click=print>{r.print}</button>
                    </p>
                    <ReportView report />
                }.into_any()
            }
        })}
        {move || oversight.get().and_then(Result::ok).map(|o| view! {
            <OversightView oversight=o days />
        })}
    }
}

/// One figure: a big number and what it counts.
fn figure(value: String, label: &'static str) -> impl IntoView {
    view! { <div class="stat"><strong>{value}</strong><span>{label}</span></div> }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let r = use_report_texts();
    let m = report.members.clone();
    let a = report.activity.clone();
    let p = report.programmes.clone();
    let per_day = tenths(u64::from(a.posts) * 10 / u64::from(report.days.max(1)));
    let share = |n: u32| format!("{n} ({}%)", percent(n, m.total));
    let members: Vec<u32> = report.series.iter().map(|s| s.members).collect();
    let actions: Vec<u32> = report
        .series
        .iter()
        .map(|s| s.posts + s.comments + s.reactions)
        .collect();
    let labels: Vec<String> = report.series.iter().map(|s| day_text(&s.day)).collect();
    let hours: Vec<String> = (0..24).map(|h| h.to_string()).collect();
    let weekdays: Vec<String> = r.weekdays.iter().map(|d| (*d).to_owned()).collect();
    let completion = percent(p.quiz_submitted, p.quiz_attempts);
    let response_rate = percent(p.survey_responses, m.total.max(1) * p.surveys.max(1));
    let statuses = ["new", "contacted", "admitted", "declined"];
    view! {
        <section class="report">
            <h2 class="report-title">{report.scope.name.clone()} " · " {day_text(&report.from)} " – " {day_text(&report.to)}
                " · " {report.groups} " " {r.groups}</h2>
            <div class="stats">
                {figure(m.total.to_string(), r.members)}
                {figure(format!("+{}", m.joined), r.joined)}
                {figure(format!("-{}", m.left), r.left)}
                {figure(share(m.not_hoi), r.not_hoi)}
                {figure(share(m.outside), r.outside)}
                {figure(share(m.overseas), r.overseas)}
                {figure(format!("{} ({per_day} {})", a.posts, r.per_day), r.posts)}
                {figure(a.comments.to_string(), r.comments)}
                {figure(a.reactions.to_string(), r.reactions)}
                {figure(a.active_members.to_string(), r.active)}
                {figure(duration(a.median_member_approval), r.median_member)}
                {figure(duration(a.median_post_approval), r.median_post)}
                {figure(duration(a.median_answer), r.median_answer)}
            </div>
            <section class="card chart"><h3>{r.growth}</h3>{line(&members, &labels)}</section>
            <section class="card chart"><h3>{r.activity_chart}</h3>{bars(&actions, &labels)}</section>
            <section class="card chart"><h3>{r.busiest_hours}</h3>{bars(&a.by_hour, &hours)}</section>
            <section class="card chart"><h3>{r.busiest_days}</h3>{bars(&a.by_weekday, &weekdays)}</section>
            <section class="card">
                <h3>{r.programmes}</h3>
                <ul class="plain">
                    <li>{r.photo_contests} ": " {p.photo_contests} " · " {p.photo_contest_entries} " " {r.entries} " · " {p.photo_contest_votes} " " {r.votes}</li>
                    <li>{r.quizzes} ": " {p.quizzes} " · " {p.quiz_entrants} " " {r.entrants} " · " {format!("{completion}%")} " " {r.completion}</li>
                    <li>{r.surveys} ": " {p.surveys} " · " {p.survey_responses} " " {r.responses} " · " {r.response_rate} " " {format!("{response_rate}%")}</li>
                    <li>{r.applications} ": "
                        {statuses.iter().zip(r.statuses).map(|(key, label)| {
                            let count = report.applications.iter().find(|s| s.status == *key).map_or(0, |s| s.count);
                            format!("{label} {count}; ")
                        }).collect::<String>()}
                    </li>
                </ul>
            </section>
            {(!report.top_posts.is_empty()).then(|| view! {
                <section class="card">
                    <h3>{r.top_posts}</h3>
                    <ol>{report.top_posts.into_iter().map(|post| view! {
                        <li><a href=format!("/posts/{}", post.id)>{post.excerpt}</a>
                            <span class="muted">" · " {post.group} " · " {post.reactions} " " {r.reactions} " · " {post.comments} " " {r.comments}</span></li>
                    }).collect_view()}</ol>
                </section>
            })}
            {(!report.children.is_empty()).then(|| view! {
                <section class="card">
                    <h3>{r.children}</h3>
                    <div class="table-scroll">
                        <table class="report-table">
                            <thead><tr><th>{r.unit}</th><th>{r.members}</th><th>{r.joined}</th><th>{r.left}</th><th>{r.posts}</th>
                                <th>{r.comments}</th><th>{r.reactions}</th><th>{r.active}</th><th>{r.applications}</th></tr></thead>
                            <tbody>{report.children.into_iter().map(|c| view! {
                                <tr><th>{c.name}</th><td>{c.members.total}</td><td>{c.members.joined}</td><td>{c.members.left}</td>
                                    <td>{c.posts}</td><td>{c.comments}</td><td>{c.reactions}</td><td>{c.active_members}</td><td>{c.applications}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                </section>
            })}
        </section>
    }
}

#[component]
fn OversightView(oversight: Oversight, days: RwSignal<u32>) -> impl IntoView {
    let r = use_report_texts();
    view! {
        <section class="card oversight">
            <h2>{r.oversight}</h2>
            <label class="field no-print">{r.overdue_days}
                <input type="number" min="1" max="90" value=oversight.days
                    on:change:target=move |ev| {
                        if let Ok(n) = ev.target().value().parse::<u32>() {
                            days.set(n.clamp(1, 90));
                        }
                    } />
            </label>
            {if oversight.overdue.is_empty() {
                view! { <p class="muted">{r.nothing_overdue}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table class="report-table">
                        <thead><tr><th></th><th>{r.requests}</th><th>{r.held}</th><th>{r.questions}</th><th>{r.flagged}</th></tr></thead>
                        <tbody>{oversight.overdue.into_iter().map(|row| view! {
                            <tr class="overdue"><th>{row.name}</th><td>{row.requests}</td><td>{row.posts}</td><td>{row.questions}</td><td>{row.flags}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any()
            }}
            <p>{r.overdue_applications} ": " <strong>{oversight.applications}</strong></p>
            <h3>{r.audit}</h3>
            <ul class="plain audit">{oversight.audit.into_iter().map(|entry| view! {
                <li><span class="muted">{crate::time::date_time(entry.at)}</span> " · " {entry.actor} " · " {entry.action} " · " {entry.group}</li>
            }).collect_view()}</ul>
        </section>
    }
}
