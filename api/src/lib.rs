//! The one contract between the member app and the server.
//!
//! Every request and response body is defined here once, so a form in the browser and a handler on
//! the server reject the same input with the same code. Nothing here may depend on a server crate:
//! CI builds this crate for wasm32 and checks its dependency tree.

pub mod account;
pub mod error;
mod error_words;
pub mod feed;
pub mod groups;
pub mod hoi;
pub mod moderation;
pub mod my_data;
pub mod page;
pub mod phone;
pub mod photo_contest;
pub mod poll;
pub mod quiz;
pub mod report;
pub mod survey;
pub mod text;
pub mod todo;
pub mod units;
pub mod wire_enum;
pub mod wire_time;

pub use error::{ApiError, ErrorCode};
pub use page::Page;
pub use phone::Phone;
