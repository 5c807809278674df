//! Who is signed in, shared by every page. The session itself is an HttpOnly cookie; this is
//! only what the app knows of it.
//!
//! `/api/me` is personal data that no cache keeps (`no-store`, not even the service worker), so
//! for a start with no network the app remembers her account on the phone itself, from the last
//! answer, and forgets it when she signs out or the server says she is signed out.

use hoi_api::account::Me;
use leptos::prelude::*;

use crate::{
    api::{self, Failure},
    connection, prefs,
};

/// Where the last `/api/me` answer is remembered (as received: no serializer for `Me` in the
/// first load) for a start with no network.
const REMEMBERED: &str = "hoi.me";

/// Asks the server who she is; remembers the answer, or falls back to the remembered one when
/// there is no network. `None` when signed out.
async fn who_am_i() -> Option<Me> {
    match api::get_text("/api/me").await {
        Ok(text) => {
            prefs::save(REMEMBERED, &text);
            serde_json::from_str(&text).ok()
        }
        Err(Failure::Network) => prefs::load(REMEMBERED).and_then(|text| serde_json::from_str(&text).ok()),
        Err(Failure::Api(_)) => {
            prefs::forget(REMEMBERED);
            None
        }
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in account, `None` when signed out.
    pub me: RwSignal<Option<Me>>,
    /// False until the first `/api/me` has answered, so pages do not flash "log in".
    pub known: RwSignal<bool>,
    /// Bumped when her groups change (joined, approved), so the group switcher reloads.
    pub groups_version: RwSignal<u32>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
            known: RwSignal::new(false),
            groups_version: RwSignal::new(0),
        };
        provide_context(session);
        leptos::task::spawn_local(async move {
            session.me.set(who_am_i().await);
            session.known.set(true);
        });
        session
    }

    /// Another account on this phone: the answers the service worker kept for offline use were
    /// someone else's (or nobody's), so they go.
    pub fn signed_in(self, me: Me) {
        connection::forget_answers();
        // The next start with a network remembers her for an offline start.
        prefs::forget(REMEMBERED);
        self.me.set(Some(me));
        self.known.set(true);
        self.groups_version.update(|v| *v += 1);
    }

    pub fn signed_out(self) {
        connection::forget_answers();
        prefs::forget(REMEMBERED);
        self.me.set(None);
        self.groups_version.update(|v| *v += 1);
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session {
        me: RwSignal::new(None),
        known: RwSignal::new(true),
        groups_version: RwSignal::new(0),
    })
}
