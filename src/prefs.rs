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
    let key = key.into();
    let value = RwSignal::new(load(&key).unwrap_or_default());
    Effect::new(move |_| value.with(|text| save(&key, text)));
    value
}
