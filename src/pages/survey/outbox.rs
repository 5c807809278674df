//! Responses sent without a connection wait here, on the phone, and go out by themselves when
//! the connection returns (the browser's `online` event, or the next start of the app). The
//! token inside each makes a second delivery harmless: the server answers "already arrived".

use hoi_api::ErrorCode;
use leptos::{prelude::*, task::spawn_local};

use super::local_key;
use crate::{api, api::Failure, prefs};

const KEY: &str = "survey.outbox";

/// A survey's id and the response's JSON, kept as text: nothing here needs to read it again.
type Queued = (i64, String);

/// What the pages show about waiting responses.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Surveys whose response waits for a connection.
    pub pending: RwSignal<Vec<i64>>,
    /// Surveys whose waiting response has gone: arrived (`None`), or refused by the server
    /// (closed meanwhile, say) with why.
    pub settled: RwSignal<Vec<(i64, Option<ErrorCode>)>>,
    sending: StoredValue<bool>,
}

fn load() -> Vec<Queued> {
    prefs::load(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn store(queue: &[Queued]) {
    match serde_json::to_string(queue) {
        Ok(text) if !queue.is_empty() => prefs::save(KEY, &text),
        _ => prefs::forget(KEY),
    }
}

/// Marks the survey answered on this phone and forgets the draft it came from.
pub fn mark_sent(survey: i64) {
    prefs::save(&local_key(survey, "sent"), "1");
    prefs::forget(&local_key(survey, "answers"));
    prefs::forget(&local_key(survey, "step"));
}

/// Sets up the outbox for the whole app and sends what a previous visit left waiting.
pub fn provide() {
    let outbox = Outbox {
        pending: RwSignal::new(load().iter().map(|q| q.0).collect()),
        settled: RwSignal::new(Vec::new()),
        sending: StoredValue::new(false),
    };
    provide_context(outbox);
    // The listener lives as long as the app: its handle is dropped without removing it.
    let _listening = window_event_listener(leptos::ev::online, move |_| outbox.flush());
    outbox.flush();
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// Keeps a response to send when the connection returns.
    pub fn queue(self, survey: i64, body: String) {
        let mut queue = load();
        queue.retain(|q| q.0 != survey);
        queue.push((survey, body));
        store(&queue);
        self.pending.update(|p| {
            p.retain(|s| *s != survey);
            p.push(survey);
        });
    }

    /// Sends every waiting response, one at a time; those still without an answer stay.
    pub fn flush(self) {
        if self.sending.get_value() || load().is_empty() {
            return;
        }
        self.sending.set_value(true);
        spawn_local(async move {
            for (survey, body) in load() {
                let outcome = api::post_json(&format!("/api/surveys/{survey}/responses"), body).await;
                if matches!(outcome, Err(Failure::Network)) {
                    continue;
                }
                let mut queue = load();
                queue.retain(|q| q.0 != survey);
                store(&queue);
                self.pending.update(|p| p.retain(|s| *s != survey));
                let refusal = outcome
                    .err()
                    .map(|failure| failure.code().unwrap_or(ErrorCode::Internal));
                if refusal.is_none() {
                    mark_sent(survey);
                }
                self.settled.update(|s| s.push((survey, refusal)));
            }
            self.sending.set_value(false);
        });
    }
}
