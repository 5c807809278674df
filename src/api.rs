//! The typed HTTP client: the contract crate's types over `fetch`, with the session cookie the
//! browser keeps (same origin, HttpOnly: scripts never touch it).

use gloo_net::http::{Request, RequestBuilder};
use hoi_api::{ApiError, ErrorCode};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::connection;

/// Why a call failed: the server's answer, or no answer at all (offline, timeout).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Api(ApiError),
    Network,
}

impl Failure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Failure::Api(error) => Some(error.code),
            Failure::Network => None,
        }
    }

    /// The code recorded against one form field, if any.
    pub fn field(&self, name: &str) -> Option<ErrorCode> {
        match self {
            Failure::Api(error) => error.fields.get(name).copied(),
            Failure::Network => None,
        }
    }
}

/// Sends and reads the answer. Not generic on purpose: only the JSON decoding below is
/// instantiated per response type, which keeps the phone's download small.
async fn exchange(request: Result<Request, gloo_net::Error>) -> Result<String, Failure> {
    let response = request.map_err(|_| Failure::Network)?.send().await;
    connection::note(
        response
            .as_ref()
            .is_ok_and(|r| r.headers().get(connection::OFFLINE_HEADER).is_none()),
    );
    let response = response.map_err(|_| Failure::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| Failure::Network)?;
    if (200..300).contains(&status) {
        return Ok(text);
    }
    Err(Failure::Api(serde_json::from_str(&text).unwrap_or(ApiError {
        code: if status >= 500 {
            ErrorCode::Internal
        } else {
            ErrorCode::NotFound
        },
        message: String::new(),
        fields: Default::default(),
        retry_after_minutes: None,
    })))
}

/// An empty answer (204) reads as JSON `null`, so `()` decodes from it.
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    serde_json::from_str(if text.is_empty() { "null" } else { text }).map_err(|_| Failure::Network)
}

fn with_json(builder: RequestBuilder, body: String) -> Result<Request, gloo_net::Error> {
    builder.header("content-type", "application/json").body(body)
}

/// GETs `path` and returns the body text (the one non-generic request every `get` shares).
pub async fn get_text(path: &str) -> Result<String, Failure> {
    exchange(Request::get(path).build()).await
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    decode(&get_text(path).await?)
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let body = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    decode(&exchange(with_json(Request::post(path), body)).await?)
}

/// POSTs a body already written as JSON (kept on the phone as text) and keeps nothing of the
/// answer but its success.
pub async fn post_json(path: &str, body: String) -> Result<(), Failure> {
    post_text(path, body).await.map(|_| ())
}

/// POSTs a body already written as JSON and answers the answer's text (decoded by the caller).
pub async fn post_text(path: &str, body: String) -> Result<String, Failure> {
    exchange(with_json(Request::post(path), body)).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let body = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    decode(&exchange(with_json(Request::put(path), body)).await?)
}

pub async fn delete(path: &str) -> Result<(), Failure> {
    decode(&exchange(Request::delete(path).build()).await?)
}

/// DELETE with a JSON body (deleting her account asks for her password again).
pub async fn delete_with<B: Serialize>(path: &str, body: &B) -> Result<(), Failure> {
    let body = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    decode(&exchange(with_json(Request::delete(path), body)).await?)
}

/// What a page shows while loading: `None` until the answer arrives.
pub type Fetched<T> = ReadSignal<Option<Result<T, Failure>>>;

/// GETs `path()` whenever the signals it reads change (`None`: nothing to load). A late answer
/// to an older path is dropped, so typing fast in a search never shows stale results.
///
/// Lighter than `LocalResource` + `Suspense`, whose async machinery is monomorphised per type
/// and weighs kilobytes of wasm each; here only the decoding is generic.
pub fn fetched<T>(path: impl Fn() -> Option<String> + Send + Sync + 'static) -> Fetched<T>
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let (value, set_value) = signal(None);
    fetch_text(
        Box::new(path),
        Box::new(move |answer: Option<Result<String, Failure>>| {
            set_value.set(answer.map(|text| text.and_then(|text| decode::<T>(&text))));
        }),
    );
    value
}

type Deliver = Box<dyn Fn(Option<Result<String, Failure>>)>;

/// The non-generic half of [`fetched`]: the effect, the request and the stale-answer guard.
fn fetch_text(path: Box<dyn Fn() -> Option<String> + Send + Sync>, deliver: Deliver) {
    let deliver = std::rc::Rc::new(deliver);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        match path() {
            Some(path) => {
                let deliver = deliver.clone();
                leptos::task::spawn_local(async move {
                    let answer = get_text(&path).await;
                    if generation.get_value() == mine {
                        deliver(Some(answer));
                    }
                });
            }
            None => deliver(None),
        }
    });
}

/// Uploads raw bytes (a shrunk photo) and reads the JSON answer.
pub async fn post_blob<T: DeserializeOwned>(path: &str, blob: &web_sys::Blob) -> Result<T, Failure> {
    let request = Request::post(path)
        .header("content-type", "image/jpeg")
        .body(blob.clone());
    decode(&exchange(request).await?)
}
