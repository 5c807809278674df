//! What she sends without a connection (a survey response, a post, a comment) waits here, on the
//! phone, and goes out by itself when the connection returns: the browser's `online` event, the
//! first real answer from the server, or the next start of the app. Each letter carries the
//! idempotency key its form made, so a second delivery is harmless: the server recognises it.
//! Votes and quiz answers never wait here: they depend on the server's clock and rules. A letter
//! goes out only under the account that wrote it: on a phone shared by two women, one's comment
//! never leaves under the other's name.

use hoi_api::ErrorCode;
use leptos::{prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};

use crate::{api, api::Failure, connection, prefs, session::use_session};

const KEY: &str = "outbox";
/// Where the survey pages kept their waiting responses before the outbox was shared.
const OLD_SURVEY_KEY: &str = "survey.outbox";

/// What a letter belongs to, so its page can show that it waits, and then what became of it.
/// Kept as `"comment:7"`: a derived enum reader would weigh more than the whole outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum About {
    Survey(i64),
    /// A post in this group.
    Post(i64),
    /// A comment on this post.
    Comment(i64),
}

impl From<About> for String {
    fn from(about: About) -> String {
        let (kind, id) = match about {
            About::Survey(id) => ("survey", id),
            About::Post(id) => ("post", id),
            About::Comment(id) => ("comment", id),
        };
        format!("{kind}:{id}")
    }
}

impl TryFrom<String> for About {
    type Error = &'static str;

    fn try_from(text: String) -> Result<About, Self::Error> {
        let (kind, id) = text.split_once(':').ok_or("kind:id")?;
        let id = id.parse().map_err(|_| "kind:id")?;
        match kind {
            "survey" => Ok(About::Survey(id)),
            "post" => Ok(About::Post(id)),
            "comment" => Ok(About::Comment(id)),
            _ => Err("kind:id"),
        }
    }
}

/// One waiting request: a POST of `body` (JSON kept as text) to `path`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    pub about: About,
    pub path: String,
    pub body: String,
    /// The send's idempotency key: a newer letter with the same key replaces the older one.
    pub key: String,
    /// The account that wrote it (set by [`Outbox::queue`]; `None` in letters kept before).
    #[serde(default)]
    pub owner: Option<i64>,
}

#[derive(Clone, Copy)]
pub struct Outbox {
    /// The signed-in account (`None` signed out or not known yet).
    reader: Memo<Option<i64>>,
    /// The letters waiting for a connection, oldest first.
    pub waiting: RwSignal<Vec<Letter>>,
    /// Letters that have gone: arrived (`None`), or refused by the server (a survey closed
    /// meanwhile, say) with why.
    pub settled: RwSignal<Vec<(About, Option<ErrorCode>)>>,
    sending: StoredValue<bool>,
}

fn load() -> Vec<Letter> {
    let mut letters: Vec<Letter> = prefs::load(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let old: Vec<(i64, String)> = prefs::load(OLD_SURVEY_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    for (survey, body) in old {
        letters.push(Letter {
            about: About::Survey(survey),
            path: format!("/api/surveys/{survey}/responses"),
            body,
            key: format!("survey.{survey}"),
            owner: None,
        });
    }
    letters
}

fn store(letters: &[Letter]) {
    prefs::forget(OLD_SURVEY_KEY);
    match serde_json::to_string(letters) {
        Ok(text) if !letters.is_empty() => prefs::save(KEY, &text),
        _ => prefs::forget(KEY),
    }
}

/// Sets up the outbox for the whole app and sends what a previous visit left waiting.
pub fn provide() {
    let letters = load();
    store(&letters);
    let session = use_session();
    let outbox = Outbox {
        reader: Memo::new(move |_| session.me.with(|me| me.as_ref().map(|me| me.id))),
        waiting: RwSignal::new(letters),
        settled: RwSignal::new(Vec::new()),
        sending: StoredValue::new(false),
    };
    provide_context(outbox);
    // Whenever answers start coming again (the `online` event sets this too), and when she
    // signs in (her letters wait for her).
    Effect::new(move |before: Option<(bool, Option<i64>)>| {
        let now = (connection::online(), outbox.reader.get());
        if now.0 && before != Some(now) {
            outbox.flush();
        }
        now
    });
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// Keeps a request to send when the connection returns, as the signed-in account's.
    pub fn queue(self, mut letter: Letter) {
        letter.owner = self.reader.get_untracked();
        self.waiting.update(|letters| {
            letters.retain(|l| l.key != letter.key);
            letters.push(letter);
        });
        self.waiting.with_untracked(|letters| store(letters));
    }

    /// Her letters about `about` still waiting (reactive).
    pub fn waiting_about(self, about: About) -> Vec<Letter> {
        let reader = self.reader.get();
        self.waiting.with(|letters| {
            letters
                .iter()
                .filter(|l| l.about == about && mine(l, reader))
                .cloned()
                .collect()
        })
    }

    /// What became of the last letter about `about` that has gone (reactive): `Some(None)` arrived.
    pub fn settled_about(self, about: About) -> Option<Option<ErrorCode>> {
        self.settled.with(|all| {
            all.iter()
                .rev()
                .find(|(a, _)| *a == about)
                .map(|(_, refusal)| *refusal)
        })
    }

    /// Sends every waiting letter, one at a time; those still without an answer stay.
    pub fn flush(self) {
        if self.sending.get_value() || self.waiting.with_untracked(Vec::is_empty) {
            return;
        }
        self.sending.set_value(true);
        let reader = self.reader.get_untracked();
        spawn_local(async move {
            for letter in self
                .waiting
                .get_untracked()
                .into_iter()
                .filter(|l| mine(l, reader))
            {
                let outcome = api::post_json(&letter.path, letter.body.clone()).await;
                if matches!(outcome, Err(Failure::Network)) {
                    continue;
                }
                self.waiting
                    .update(|letters| letters.retain(|l| l.key != letter.key));
                self.waiting.with_untracked(|letters| store(letters));
                let refusal = outcome
                    .err()
                    .map(|failure| failure.code().unwrap_or(ErrorCode::Internal));
                if let (About::Survey(survey), None) = (letter.about, refusal) {
                    crate::pages::survey::mark_sent(survey);
                }
                self.settled.update(|s| s.push((letter.about, refusal)));
            }
            self.sending.set_value(false);
        });
    }
}

/// Whether `letter` may go out under the account `reader`.
fn mine(letter: &Letter, reader: Option<i64>) -> bool {
    letter.owner.is_none_or(|owner| Some(owner) == reader)
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn a_letter_reads_back_as_it_was_kept() {
        let letter = Letter {
            about: About::Comment(7),
            path: "/api/posts/7/comments".into(),
            body: r#"{"body":"Chào chị"}"#.into(),
            key: "k1".into(),
            owner: Some(3),
        };
        let text = serde_json::to_string(&vec![letter.clone()]).unwrap();
        assert!(text.contains(r#""about":"comment:7""#));
        assert_eq!(
            serde_json::from_str::<Vec<Letter>>(&text).unwrap(),
            vec![letter.clone()]
        );
        assert!(mine(&letter, Some(3)));
        assert!(!mine(&letter, Some(4)));
        assert!(!mine(&letter, None));
    }
}
