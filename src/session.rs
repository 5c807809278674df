//! Who is signed in, shared by every page. The session itself is an HttpOnly cookie; this is
//! only what the app knows of it.

use hoi_api::account::Me;
use leptos::prelude::*;

use crate::{api, connection};

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
            session.me.set(api::get::<Me>("/api/me").await.ok());
            session.known.set(true);
        });
        session
    }

    /// Another account on this phone: the answers the service worker kept for offline use were
    /// someone else's (or nobody's), so they go.
    pub fn signed_in(self, me: Me) {
        connection::forget_answers();
        self.me.set(Some(me));
        self.known.set(true);
        self.groups_version.update(|v| *v += 1);
    }

    pub fn signed_out(self) {
        connection::forget_answers();
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
