//! Live events for the app: a new post in a group (the "N bài mới" pill) and a change in the
//! board's queue (the live counts). One broadcast channel per process; each open app filters it
//! down to her own groups.

use tokio::sync::broadcast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A post was published.
    NewPost,
    /// Something entered or left the board's queue.
    Queue,
}

impl EventKind {
    pub fn name(self) -> &'static str {
        match self {
            EventKind::NewPost => "post",
            EventKind::Queue => "queue",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Event {
    pub group_id: i64,
    pub kind: EventKind,
}

#[derive(Clone)]
pub struct Events(broadcast::Sender<Event>);

impl Default for Events {
    fn default() -> Self {
        // A slow phone that falls 256 events behind just misses some; the pill is a hint.
        Events(broadcast::channel(256).0)
    }
}

impl Events {
    pub fn send(&self, group_id: i64, kind: EventKind) {
        // No listener is not an error.
        let _ = self.0.send(Event { group_id, kind });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.0.subscribe()
    }
}
