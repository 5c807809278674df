//! Settings kept on the phone (localStorage), and drafts that survive a reload.

use leptos::prelude::*;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

const LARGE_TEXT_KEY: &str = "hoi.large_text";

/// Large text for older eyes: a class on <html> that scales every rem, remembered on the phone.
pub fn set_large_text(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("large-text", on);
    }
    save(LARGE_TEXT_KEY, if on { "1" } else { "0" });
}

pub fn large_text() -> bool {
    load(LARGE_TEXT_KEY).as_deref() == Some("1")
}

/// A text field's value that is written to the phone as she types, so a reload, a dead battery
/// or a lost connection loses nothing. Call [`forget`] with the same key once it is sent.
pub fn draft(key: impl Into<String>) -> RwSignal<String> {
    draft_over(key, String::new())
}

/// A [`draft`] of a field that starts from `original` (what the server has): it is kept on the
/// phone only while it differs, so a later visit shows what another admin saved meanwhile
/// instead of a stale copy of the old text.
pub fn draft_over(key: impl Into<String>, original: String) -> RwSignal<String> {
    let key = key.into();
    let value = RwSignal::new(load(&key).unwrap_or_else(|| original.clone()));
    Effect::new(move |_| {
        value.with(|text| {
            if *text == original {
                forget(&key)
            } else {
                save(&key, text)
            }
        })
    });
    value
}

/// The key that marks one draft's send, kept beside the draft: when the answer to a send is
/// lost and she taps again, the server recognises the retry and does not post twice. Forget it
/// (`{draft_key}.send`) with the draft once the send succeeded.
pub fn send_key(draft_key: &str) -> String {
    let key = format!("{draft_key}.send");
    load(&key).unwrap_or_else(|| {
        let fresh = format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 9.0e15) as u64
        );
        save(&key, &fresh);
        fresh
    })
}
