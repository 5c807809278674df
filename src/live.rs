//! Live updates from `/api/events` (server-sent events): new posts and queue changes in her
//! groups. The browser reconnects by itself after a dropped connection.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

/// Calls `on_event` with the group id of every `kind` event ("post" or "queue") while the
/// calling component is mounted.
pub fn listen(kind: &'static str, on_event: impl Fn(i64) + 'static) {
    let Ok(source) = EventSource::new("/api/events") else {
        return;
    };
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(group) = event.data().as_string().and_then(|d| d.parse().ok()) {
            on_event(group);
        }
    });
    let _ = source.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    let source = SendWrapper::new((source, handler));
    on_cleanup(move || source.0.close());
}
