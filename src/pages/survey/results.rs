//! A survey's results: per question the counts and shares as SVG bars (drawn here, no chart
//! library to download), averages, the words of text answers; narrowed to a group or a unit with
//! everything under it; and the downloads.

use hoi_api::survey::{QuestionResult, SurveyResults};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{device_token, number_text};
use crate::{api, components::form::waiting, i18n::survey::use_survey_texts};

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let s = use_survey_texts();
    let id = crate::pages::use_id_param().get_untracked().unwrap_or(0);
    let scope = RwSignal::new(String::new());
    let token = device_token(id);
    let results = api::fetched::<SurveyResults>(move || {
        Some(format!(
            "/api/surveys/{id}/results?scope={}&token={token}",
            scope.get()
        ))
    });
    let export = move |format: &str| format!("/api/surveys/{id}/export?scope={}{format}", scope.get());
    view! {
        <A href=format!("/surveys/{id}") attr:class="back">"← " {s.list_title}</A>
        {move || match results.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(found)) => {
                let rate = found.members.filter(|m| *m > 0).map(|m| {
                    // In whole numbers: Display of an f64 would add float formatting to the download.
                    let (r, m) = (u64::from(found.responses), u64::from(m));
                    format!(" · {} {}%", s.response_rate, (r * 200 + m) / (2 * m))
                });
                let manage = !found.scopes.is_empty();
                view! {
                    <h1>{s.results_title} ": " {found.title}</h1>
                    <p class="figure"><strong>{found.responses}</strong> " " {s.responses} {rate}</p>
                    {manage.then(|| view! {
                        <label class="field">{s.scope}
                            <select on:change:target=move |ev| scope.set(ev.target().value())>
                                <option value="">{s.everyone}</option>
                                {found.scopes.into_iter().map(|sc| {
                                    let chosen = scope.get_untracked() == sc.key;
                                    view! { <option value=sc.key selected=chosen>{sc.name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <p class="actions">
                            <a class="button" href=export("") download>{s.download_xlsx}</a>
                            <a class="button ghost" href=export("&format=csv") download>{s.download_csv}</a>
                        </p>
                    })}
                    {found.questions.into_iter().enumerate().map(|(n, q)| view! { <QuestionChart n=n + 1 result=q /> }).collect_view()}
                }.into_any()
            }
        }}
    }
}

/// Bars as SVG: one row per option, the label above its bar, count and share at the end.
#[component]
fn QuestionChart(n: usize, result: QuestionResult) -> impl IntoView {
    let s = use_survey_texts();
    let base = result.answered.max(1);
    let height = result.tallies.len() * 40;
    let label = format!("{n}. {}", result.text);
    view! {
        <section class="card chart">
            <h2>{label.clone()}</h2>
            <p class="muted">{result.answered} " " {s.responses}
                {result.average.map(|a| format!(" · {}: {}", s.average, number_text(a).replace('.', ",")))}</p>
            {(height > 0).then(|| view! {
                <svg width="100%" height=height role="img" aria-label=label>
                    {result.tallies.into_iter().enumerate().map(|(i, tally)| {
                        let y = i * 40;
                        let share = tally.count * 100 / base;
                        view! {
                            <text x="0" y=y + 14>{tally.label}</text>
                            <rect x="0" y=y + 20 width="100%" height="14" rx="3" class="bar-track" />
                            <rect x="0" y=y + 20 width=format!("{share}%") height="14" rx="3" class="bar" />
                            <text x="100%" y=y + 14 text-anchor="end">{format!("{} ({share}%)", tally.count)}</text>
                        }
                    }).collect_view()}
                </svg>
            })}
            {(!result.texts.is_empty()).then(|| view! {
                <ul class="text-answers">{result.texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}
