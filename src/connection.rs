//! Whether the app is talking to the server, and the app's side of the service worker.
//!
//! A cheap phone on a patchy network is often "online" by the browser's word while nothing gets
//! through, so the state follows the answers themselves: every real answer says online; a request
//! that gets no answer, or an answer the service worker served from its cache (marked
//! `x-hoi-offline`), says offline. The browser's `online`/`offline` events move it too. The shell
//! shows "Đang ngoại tuyến" from it, and buttons that need the server (a vote, a quiz answer) say why.

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration};

/// The header the service worker puts on an answer it served from its cache.
pub const OFFLINE_HEADER: &str = "x-hoi-offline";

thread_local! {
    /// Reference counted, not owned by whichever component first asked: switching language
    /// rebuilds the whole tree and would dispose an owned signal with it.
    static ONLINE: ArcRwSignal<bool> = ArcRwSignal::new(
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    );
}

fn state() -> ArcRwSignal<bool> {
    ONLINE.with(Clone::clone)
}

/// True while answers come from the server (reactive).
pub fn online() -> bool {
    state().get()
}

/// Records what the last request showed: a real answer (`true`) or none (`false`).
pub fn note(online: bool) {
    if state().get_untracked() != online {
        state().set(online);
    }
}

/// Follows the browser's own `online`/`offline` events for the life of the app.
pub fn watch() {
    let _online = window_event_listener(leptos::ev::online, |_| note(true));
    let _offline = window_event_listener(leptos::ev::offline, |_| note(false));
}

/// Whether the server itself answers now (not the service worker's cache).
pub async fn server_answers() -> bool {
    let Ok(response) = gloo_net::http::Request::get("/api/health").send().await else {
        return false;
    };
    response.ok() && response.headers().get(OFFLINE_HEADER).is_none()
}

/// The service worker's side of the page, when the browser has one (never on plain http).
fn workers() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// Tells the service worker to drop the API answers and photos it keeps for offline use: another
/// woman may sign in on this phone next.
pub fn forget_answers() {
    if let Some(worker) = workers().and_then(|w| w.controller()) {
        let _ = worker.post_message(&JsValue::from_str("forget-answers"));
    }
}

/// Starts the app again from the server's current release: a release the service worker has
/// already fetched takes over first (it waits for the next start otherwise), then the page reloads.
pub fn restart() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(workers) = workers() else {
        let _ = window.location().reload();
        return;
    };
    spawn_local(async move {
        let waiting = JsFuture::from(workers.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                let location = window.location();
                let reload = Closure::once_into_js(move || {
                    let _ = location.reload();
                });
                workers.set_oncontrollerchange(Some(reload.unchecked_ref()));
                let _ = worker.post_message(&JsValue::from_str("activate-now"));
            }
            None => {
                let _ = window.location().reload();
            }
        }
    });
}
