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
