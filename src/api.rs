//! The typed HTTP client: the contract crate's types over `fetch`, with the session cookie the
//! browser keeps (same origin, HttpOnly: scripts never touch it).

use gloo_net::http::{Request, RequestBuilder, Response};
use hoi_api::{ApiError, ErrorCode};
use serde::{de::DeserializeOwned, Serialize};

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

async fn finish<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, Failure> {
    let response = sent.map_err(|_| Failure::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| Failure::Network)?;
    if (200..300).contains(&status) {
        let text = if text.is_empty() { "null" } else { text.as_str() };
        serde_json::from_str(text).map_err(|_| Failure::Network)
    } else {
        let error = serde_json::from_str(&text).unwrap_or(ApiError {
            code: if status >= 500 {
                ErrorCode::Internal
            } else {
                ErrorCode::NotFound
            },
            message: String::new(),
            fields: Default::default(),
            retry_after_minutes: None,
        });
        Err(Failure::Api(error))
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    finish(Request::get(path).send().await).await
}

async fn with_body<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, Failure> {
    let request = builder.json(body).map_err(|_| Failure::Network)?;
    finish(request.send().await).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    with_body(Request::post(path), body).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    with_body(Request::put(path), body).await
}

pub async fn delete(path: &str) -> Result<(), Failure> {
    finish(Request::delete(path).send().await).await
}
