//! Live updates over server-sent events: new posts and queue changes in her groups
//! (`/api/events`), a photo contest's vote counts. The browser reconnects by itself after a dropped connection.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

/// Calls `on_event` with the group id of every `kind` event ("post" or "queue") while the
/// calling component is mounted.
pub fn listen(kind: &'static str, on_event: impl Fn(i64) + 'static) {
    listen_at("/api/events", kind, move |data| {
        if let Ok(group) = data.parse() {
            on_event(group);
        }
    });
}

/// Calls `on_data` with the data of every `kind` event of the stream at `url` while the calling
/// component is mounted (a photo contest's live tally).
pub fn listen_at(url: &str, kind: &'static str, on_data: impl Fn(String) + 'static) {
    let Ok(source) = EventSource::new(url) else {
        return;
    };
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(data) = event.data().as_string() {
            on_data(data);
        }
    });
    let _ = source.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    let source = SendWrapper::new((source, handler));
    on_cleanup(move || source.0.close());
}
