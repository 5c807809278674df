//! Live events for the app: a new post in a group (the "N bài mới" pill), a change in the
//! board's queue (the live counts) and a poll's new votes. One broadcast channel per process; each open app filters it
//! down to her own groups. Every event has a number, and the last few hundred are kept, so a
//! phone that lost its connection gets what it missed (`Last-Event-ID`).
//! On PostgreSQL, where several instances may serve the apps, an event goes through the database
//! instead (`db::peers`): every instance gets it back, numbered by one sequence, so a phone hears of
//! a post made on another instance and resumes on any of them with `Last-Event-ID`.

use std::{
    collections::VecDeque,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use tokio::sync::broadcast;

use crate::db::peers::{Notice, Peers};

/// Events kept for phones that reconnect.
const KEPT: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A post was published.
    NewPost,
    /// Something entered or left the board's queue.
    Queue,
    /// A vote changed the counts of this poll (its post id): open poll cards fetch them again.
    Poll(i64),
}

impl EventKind {
    pub fn name(self) -> &'static str {
        match self {
            EventKind::NewPost => "post",
            EventKind::Queue => "queue",
            EventKind::Poll(_) => "poll",
        }
    }

    /// The kind named `name` with its event's data, as another instance sent it.
    pub fn from_name(name: &str, data: i64) -> Option<EventKind> {
        match name {
            "post" => Some(EventKind::NewPost),
            "queue" => Some(EventKind::Queue),
            "poll" => Some(EventKind::Poll(data)),
            _ => None,
        }
    }

    /// The event's data: the poll's post id, else the group's id.
    pub fn data(self, group_id: i64) -> i64 {
        match self {
            EventKind::Poll(post_id) => post_id,
            _ => group_id,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Event {
    /// Increasing from 1 for the life of the process (SQLite), or of the database (PostgreSQL).
    pub id: u64,
    pub group_id: i64,
    pub kind: EventKind,
}

#[derive(Clone)]
pub struct Events {
    sender: broadcast::Sender<Event>,
    next_id: Arc<AtomicU64>,
    recent: Arc<Mutex<VecDeque<Event>>>,
    peers: Peers,
}

impl Default for Events {
    fn default() -> Self {
        Events::new(Peers::alone())
    }
}

impl Events {
    pub fn new(peers: Peers) -> Self {
        // A slow phone that falls 256 events behind just misses some; the pill is a hint.
        Events {
            sender: broadcast::channel(256).0,
            next_id: Arc::new(AtomicU64::new(1)),
            recent: Arc::new(Mutex::new(VecDeque::with_capacity(KEPT))),
            peers,
        }
    }

    pub fn send(&self, group_id: i64, kind: EventKind) {
        if self.peers.shared() {
            // Comes back numbered, to this instance too, through `deliver`.
            self.peers.tell(Notice::Event(group_id, kind));
            return;
        }
        let Ok(mut recent) = self.recent.lock() else {
            return;
        };
        // Numbered and kept under the lock, so the kept list is in order.
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.keep_and_send(&mut recent, Event { id, group_id, kind });
    }

    /// An event numbered by the database (`db::peers`), in the order every instance gets them.
    pub fn deliver(&self, id: u64, group_id: i64, kind: EventKind) {
        if let Ok(mut recent) = self.recent.lock() {
            self.keep_and_send(&mut recent, Event { id, group_id, kind });
        }
    }

    fn keep_and_send(&self, recent: &mut VecDeque<Event>, event: Event) {
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back(event);
        // No listener is not an error.
        let _ = self.sender.send(event);
    }

    /// Live events from now on, and the kept ones after `last_seen` (what a reconnecting phone
    /// missed). Subscribes first, so nothing falls between the two; the caller skips live
    /// events it has already replayed.
    ///
    /// "After" is by place in the kept list when `last_seen` is there: numbers taken from the
    /// database's sequence by two instances at once may reach the channel out of order.
    pub fn subscribe(&self, last_seen: Option<u64>) -> (broadcast::Receiver<Event>, Vec<Event>) {
        let receiver = self.sender.subscribe();
        let missed = match (last_seen, self.recent.lock()) {
            (Some(last), Ok(recent)) => match recent.iter().position(|e| e.id == last) {
                Some(seen) => recent.iter().skip(seen + 1).copied().collect(),
                None => recent.iter().filter(|e| e.id > last).copied().collect(),
            },
            _ => Vec::new(),
        };
        (receiver, missed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reconnecting_phone_gets_what_it_missed_and_nothing_twice() {
        let events = Events::default();
        events.send(1, EventKind::NewPost);
        events.send(2, EventKind::Queue);
        events.send(1, EventKind::NewPost);
        let (mut live, missed) = events.subscribe(Some(1));
        assert_eq!(
            missed.iter().map(|e| (e.id, e.group_id)).collect::<Vec<_>>(),
            [(2, 2), (3, 1)]
        );
        events.send(3, EventKind::NewPost);
        assert_eq!(live.try_recv().map(|e| e.id).ok(), Some(4));
        assert!(
            events.subscribe(None).1.is_empty(),
            "a first connection starts from now"
        );
    }
}
