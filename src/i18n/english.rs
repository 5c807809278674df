//! English, a chunk of its own: most women read Vietnamese only, and English's texts and error
//! messages would weigh ~4 KB in everyone's first load. It is fetched when she chooses English
//! (or at the start of an app that remembers that choice); until then the app reads Vietnamese.

use std::cell::Cell;

use hoi_api::ErrorCode;

use super::Texts;
use crate::lazy::{on_demand, ChunkError};

/// What the chunk holds.
pub struct English {
    pub texts: &'static Texts,
    pub error: fn(ErrorCode) -> &'static str,
}

thread_local! {
    static LOADED: Cell<Option<&'static English>> = const { Cell::new(None) };
}

/// English, once it has arrived.
pub fn get() -> Option<&'static English> {
    LOADED.with(Cell::get)
}

on_demand!(
    english,
    fn fetch() -> Result<&'static English, ChunkError> {
        static ENGLISH: English = English {
            texts: &super::en::EN,
            error: super::en::error,
        };
        Ok(&ENGLISH)
    }
);

/// Fetches English unless it is here; false when it cannot be fetched.
pub async fn load() -> bool {
    if get().is_some() {
        return true;
    }
    match fetch().await {
        Ok(english) => {
            LOADED.with(|loaded| loaded.set(Some(english)));
            true
        }
        Err(ChunkError) => false,
    }
}
