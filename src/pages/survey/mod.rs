//! Needs surveys (the "Khảo sát" tab): the list, the builder, answering one section per screen
//! with everything kept on the phone, and the results with SVG bar charts.

mod answer;
mod builder;
mod results;
mod walk;

pub use answer::SurveyPage;
pub use builder::SurveyBuilderPage;
pub use results::SurveyResultsPage;

use hoi_api::survey::{SurveyList, SurveyPhase};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::phase::Stage;
use crate::{
    api, components::form::waiting, i18n::survey::use_survey_texts, pages::quiz::sign_in_first, prefs,
    session::use_session, time,
};

/// Where her answers, her place in the survey and the device's token are kept on the phone.
pub(crate) fn local_key(id: i64, what: &str) -> String {
    format!("survey.{id}.{what}")
}

/// Marks the survey answered on this phone and forgets the draft it came from (the outbox calls
/// it too, when a response that waited for a connection arrives).
pub fn mark_sent(survey: i64) {
    prefs::save(&local_key(survey, "sent"), "1");
    prefs::forget(&local_key(survey, "answers"));
    prefs::forget(&local_key(survey, "step"));
}

/// The device's token for this survey: made once, kept after the send (anonymous surveys count
/// one response per device by it, and show their summary to the device that answered).
pub(crate) fn device_token(id: i64) -> String {
    prefs::send_key(&local_key(id, "token"))
}

/// "2,5", "2.5" or "3" as she types it → the number. serde_json's reader is already in the app;
/// `str::parse::<f64>` would add core's float parser to the download.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    serde_json::from_str(&text.trim().replace(',', ".")).ok()
}

/// 3 → "3", 2.5 → "2.5" (to two decimals), by the fixed-precision formatting the app already has
/// (the shortest-form `f64` Display would add its own code to the download).
pub(crate) fn number_text(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Whether this phone has sent a response (anonymous surveys are known to the server by the token only).
pub(crate) fn sent_here(id: i64) -> bool {
    prefs::load(&local_key(id, "sent")).is_some()
}

fn phase_badge(phase: SurveyPhase) -> impl IntoView {
    let stage = match phase {
        SurveyPhase::Open => Stage::Open,
        SurveyPhase::Upcoming => Stage::Upcoming,
        SurveyPhase::Closed => Stage::Closed,
    };
    crate::components::phase::phase_badge(stage, use_survey_texts().phase(phase))
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    let s = use_survey_texts();
    let session = use_session();
    let list = api::fetched::<SurveyList>(move || {
        session
            .me
            .with(Option::is_some)
            .then(|| "/api/surveys".to_owned())
    });
    view! {
        <h1>{s.list_title}</h1>
        {move || match list.get() {
            _ if session.known.get() && session.me.with(Option::is_none) => view! {
                <p>{s.signed_out}</p>
                {sign_in_first("/surveys")}
            }.into_any(),
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(list)) => {
                let can_create = !list.audiences.groups.is_empty() || !list.audiences.units.is_empty();
                view! {
                    {can_create.then(|| view! {
                        <p class="actions">
                            <A href="/surveys/new?template=1" attr:class="button primary">{s.from_template}</A>
                            <A href="/surveys/new" attr:class="button">{s.create}</A>
                        </p>
                    })}
                    {list.items.is_empty().then(|| view! { <p class="empty">{s.none}</p> })}
                    <ul class="quiz-list">
                        {list.items.into_iter().map(|item| {
                            let done = item.responded || sent_here(item.id);
                            let line = format!("{} {} · {} {} · {} {}", item.questions, s.questions,
                                item.responses, s.responses, s.closes, time::date_time(item.closes_at));
                            view! {
                                <li class="card">
                                    <A href=format!("/surveys/{}", item.id)>
                                        <strong>{item.title}</strong>
                                        {phase_badge(item.phase)}
                                        {item.anonymous.then(|| view! { <span class="badge">{s.anonymous}</span> })}
                                        {done.then(|| view! { <span class="badge phase-open">{s.answered}</span> })}
                                        <span class="muted">{line}</span>
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}
