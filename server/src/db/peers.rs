//! What one server instance tells the others that share its PostgreSQL (issue 22): a group's
//! feed pages went stale, a session was revoked, a live event happened for the apps. Each instance
//! keeps these in its own memory (`feed_cache`, `session_cache`, `events`), so without telling,
//! a post made on one would never reach the others' open apps and a logout would go on working
//! elsewhere until the session cache's minute ran out.
//!
//! On PostgreSQL a notice is a `NOTIFY` on one channel, sent by one task per instance in the
//! order they were told; each instance `LISTEN`s on one connection of its own, reconnecting with
//! back-off, and applies what the others said. Notices lost while its connection was down are
//! made up for by forgetting every cached page and session then. On SQLite there is one instance
//! and nothing to tell: `Peers::alone()`.
//!
//! A contest's live counts go out once per tally period, each instance telling what its own vote
//! writer changed.
//!
//! Events are the exception: every instance, the sender too, takes them from the channel, numbered
//! by one database sequence, so each instance hands them out in the same order with the same ids and
//! a phone resumes on any of them with `Last-Event-ID`.

use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use crate::{
    events::{EventKind, Events},
    photo_contests::votes::Tallies,
};

use super::Db;

/// The channel every instance listens on.
const CHANNEL: &str = "hoi_peers";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A group's feed pages are stale; `None`: every group's.
    Feed(Option<i64>),
    /// A session was revoked: its token's hash.
    Session(String),
    /// Every session of a woman was revoked.
    Sessions(i64),
    /// A live event for the apps.
    Event(i64, EventKind),
    /// A contest's counts this instance's vote writer changed: `(entry, votes)`.
    Tally(i64, Vec<(i64, u32)>),
}

impl Notice {
    /// `<tag> <fields>`: short, since NOTIFY payloads are limited to 8,000 bytes.
    fn encode(&self) -> String {
        match self {
            Notice::Feed(Some(group)) => format!("f {group}"),
            Notice::Feed(None) => "f *".into(),
            Notice::Session(hash) => format!("s {hash}"),
            Notice::Sessions(user) => format!("u {user}"),
            Notice::Event(group, kind) => format!("e {group} {} {}", kind.name(), kind.data(*group)),
            Notice::Tally(contest, counts) => {
                let counts: Vec<String> = counts
                    .iter()
                    .map(|(entry, votes)| format!("{entry}:{votes}"))
                    .collect();
                format!("t {contest} {}", counts.join(","))
            }
        }
    }

    fn decode(text: &str) -> Option<Notice> {
        let mut fields = text.split(' ');
        let number = |field: Option<&str>| field.and_then(|f| f.parse::<i64>().ok());
        Some(match fields.next()? {
            "f" => match fields.next()? {
                "*" => Notice::Feed(None),
                group => Notice::Feed(Some(group.parse().ok()?)),
            },
            "s" => Notice::Session(fields.next()?.to_owned()),
            "u" => Notice::Sessions(number(fields.next())?),
            "t" => {
                let contest = number(fields.next())?;
                let counts = fields
                    .next()?
                    .split(',')
                    .map(|pair| {
                        let (entry, votes) = pair.split_once(':')?;
                        Some((entry.parse().ok()?, votes.parse().ok()?))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Notice::Tally(contest, counts)
            }
            "e" => {
                let group = number(fields.next())?;
                let name = fields.next()?;
                let kind = EventKind::from_name(name, number(fields.next())?)?;
                Notice::Event(group, kind)
            }
            _ => return None,
        })
    }
}

/// The instance's voice to the others; `alone()` on SQLite (and by default).
#[derive(Clone, Default)]
pub struct Peers {
    /// This instance among the others: its own notices come back to it and are skipped.
    instance: String,
    outbox: Option<mpsc::UnboundedSender<Notice>>,
    url: Option<String>,
}

impl Peers {
    pub fn alone() -> Peers {
        Peers::default()
    }

    /// Starts the task that sends this instance's notices over `pool`, in the order told.
    pub fn on_postgres(pool: sqlx::AnyPool, url: &str) -> Peers {
        let (outbox, mut queue) = mpsc::unbounded_channel::<Notice>();
        let instance = format!("{:016x}", rand::random::<u64>());
        let from = instance.clone();
        tokio::spawn(async move {
            while let Some(notice) = queue.recv().await {
                // An event takes its number from the sequence as it goes (migration 0021).
                let sql = match notice {
                    Notice::Event(..) => "SELECT pg_notify($1, $2 || ' ' || nextval('event_ids'))",
                    _ => "SELECT pg_notify($1, $2)",
                };
                let payload = format!("{from} {}", notice.encode());
                if let Err(error) = sqlx::query(sql).bind(CHANNEL).bind(payload).execute(&pool).await {
                    tracing::warn!(%error, "could not tell the other instances");
                }
            }
        });
        Peers {
            instance,
            outbox: Some(outbox),
            url: Some(url.to_owned()),
        }
    }

    /// Other instances may share the database: what they must know is told, and events go
    /// through the database.
    pub fn shared(&self) -> bool {
        self.outbox.is_some()
    }

    pub fn tell(&self, notice: Notice) {
        if let Some(outbox) = &self.outbox {
            let _ = outbox.send(notice);
        }
    }

    /// On PostgreSQL, listens for the other instances' notices (and every instance's events) for
    /// the life of the process, and applies them to `db`'s caches, `events` and `tallies`.
    pub fn listen(&self, db: Db, events: Events, tallies: Tallies) {
        let Some(url) = self.url.clone() else {
            return;
        };
        let me = self.instance.clone();
        tokio::spawn(async move {
            let mut backoff = Duration::from_millis(250);
            loop {
                match listen_once(&url, &me, &db, &events, &tallies).await {
                    Ok(()) => backoff = Duration::from_millis(250),
                    Err(error) => tracing::warn!(%error, "lost the other instances' channel"),
                }
                // Whatever was said while the connection was down is lost: start over.
                forget_everything(&db);
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        });
    }
}

/// One connection's life: returns when it drops.
async fn listen_once(
    url: &str,
    me: &str,
    db: &Db,
    events: &Events,
    tallies: &Tallies,
) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    // `try_recv` gives `None` when the connection is lost, instead of reconnecting silently over
    // the notices missed meanwhile.
    while let Some(notification) = listener.try_recv().await? {
        let payload = notification.payload();
        let Some((from, rest)) = payload.split_once(' ') else {
            continue;
        };
        // An event's number is the last field, added by the sender's statement.
        let (text, id) = match rest.rsplit_once(' ') {
            Some((text, id)) if rest.starts_with("e ") => (text, id.parse::<u64>().ok()),
            _ => (rest, None),
        };
        match (Notice::decode(text), id) {
            (Some(Notice::Event(group, kind)), Some(id)) => events.deliver(id, group, kind),
            (Some(Notice::Tally(contest, counts)), _) if from != me => {
                for (entry, votes) in counts {
                    tallies.changed_elsewhere(contest, entry, votes);
                }
            }
            (Some(notice), _) if from != me => apply(db, notice),
            _ => {}
        }
    }
    Ok(())
}

fn apply(db: &Db, notice: Notice) {
    match notice {
        Notice::Feed(Some(group)) => db.feed_cache.bump(group),
        Notice::Feed(None) => db.feed_cache.bump_all(),
        Notice::Session(hash) => db.session_cache.drop_hash(&hash),
        Notice::Sessions(user) => db.session_cache.drop_user(user),
        Notice::Event(..) | Notice::Tally(..) => {}
    }
}

fn forget_everything(db: &Db) {
    db.feed_cache.bump_all();
    db.session_cache.drop_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_back_as_it_was_written() {
        for notice in [
            Notice::Feed(Some(7)),
            Notice::Feed(None),
            Notice::Session("ab12".into()),
            Notice::Sessions(42),
            Notice::Event(7, EventKind::NewPost),
            Notice::Event(7, EventKind::Queue),
            Notice::Event(7, EventKind::Poll(99)),
            Notice::Tally(3, vec![(10, 4), (11, 0)]),
        ] {
            assert_eq!(
                Notice::decode(&notice.encode()),
                Some(notice.clone()),
                "{notice:?}"
            );
        }
        assert_eq!(Notice::decode("x 1"), None);
        assert_eq!(Notice::decode("e 7 post"), None);
    }
}
