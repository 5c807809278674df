//! Pieces every page uses: the shell, form fields, the commune picker.

pub mod audience;
pub mod cover;
pub mod form;
pub mod phase;
pub mod rich_text;
pub mod share;
pub mod shell;
pub mod unit_picker;

pub use form::{Field, FieldError, FormState, TextField};
