//! Chi hội số, the member app: mobile first, Vietnamese first, for cheap phones on slow networks.

pub mod api;
mod app;
pub mod components;
pub mod connection;
pub mod i18n;
mod lazy;
pub mod live;
pub mod outbox;
pub mod pages;
pub mod photo;
pub mod prefs;
pub mod session;
pub mod time;

pub use app::App;

// The app's unit tests (`#[wasm_bindgen_test]`; a plain `#[test]` never runs on wasm32) run in
// headless Chromium, like `tests/components.rs`.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
