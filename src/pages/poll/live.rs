//! Live counts for every poll card on the screen over one event stream. A stream per card would
//! soon use up the browser's six connections to the server (HTTP/1.1), and the app's own
//! requests would wait behind them; so the first card opens `/api/events` for `poll` events and
//! the last one to go closes it.

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::on_cleanup;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

/// A card on the screen: its token, its poll, and what it does when that poll's counts change.
struct Card {
    token: u32,
    post: i64,
    changed: Rc<dyn Fn()>,
}

struct Shared {
    source: EventSource,
    _handler: Closure<dyn Fn(MessageEvent)>,
    cards: Vec<Card>,
    next: u32,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Calls `changed` whenever someone votes in poll `post`, while the calling component is mounted.
pub fn on_vote(post: i64, changed: impl Fn() + 'static) {
    let token = SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        if shared.is_none() {
            *shared = open();
        }
        shared.as_mut().map(|shared| {
            shared.next += 1;
            shared.cards.push(Card {
                token: shared.next,
                post,
                changed: Rc::new(changed),
            });
            shared.next
        })
    });
    let Some(token) = token else { return };
    on_cleanup(move || {
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            if let Some(open) = shared.as_mut() {
                open.cards.retain(|card| card.token != token);
                if open.cards.is_empty() {
                    open.source.close();
                    *shared = None;
                }
            }
        })
    });
}

fn open() -> Option<Shared> {
    let source = EventSource::new("/api/events").ok()?;
    let handler = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let Some(post) = event.data().as_string().and_then(|d| d.parse::<i64>().ok()) else {
            return;
        };
        // Taken out first: a card's reaction never runs while the list is borrowed.
        let due: Vec<Rc<dyn Fn()>> = SHARED.with(|shared| {
            shared.borrow().as_ref().map_or_else(Vec::new, |shared| {
                shared
                    .cards
                    .iter()
                    .filter(|card| card.post == post)
                    .map(|card| card.changed.clone())
                    .collect()
            })
        });
        for changed in due {
            changed();
        }
    });
    source
        .add_event_listener_with_callback("poll", handler.as_ref().unchecked_ref())
        .ok()?;
    Some(Shared {
        source,
        _handler: handler,
        cards: Vec::new(),
        next: 0,
    })
}
