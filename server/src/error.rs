//! One error type for every handler, answered as `{code, message, fields}`.

use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        FromRequest, FromRequestParts, Request,
    },
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use hoi_api::{error::FieldErrors, ApiError, ErrorCode};
use serde::de::DeserializeOwned;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 422: fields that break the shared rules, each with its code.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// A client error with its status and code (401, 403, 404, 409, 413, 400…).
    #[error("{1:?}")]
    Client(StatusCode, ErrorCode),
    /// 409 with the field to mark (a phone already registered).
    #[error("{1:?} on {0}")]
    FieldConflict(String, ErrorCode),
    /// 429: the caller must wait this many minutes.
    #[error("rate limited for {0} minutes")]
    RateLimited(u32),
    /// 500: logged in full, shown to nobody.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// 500: logged in full, shown to nobody.
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn unauthenticated() -> Self {
        AppError::Client(StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
    }
    pub fn forbidden() -> Self {
        AppError::Client(StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    }
    pub fn not_found() -> Self {
        AppError::Client(StatusCode::NOT_FOUND, ErrorCode::NotFound)
    }
    pub fn conflict(code: ErrorCode) -> Self {
        AppError::Client(StatusCode::CONFLICT, code)
    }
    /// A single bad field, for rules only the server can check (a password too common).
    pub fn field(field: &str, code: ErrorCode) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, code);
        AppError::Validation(errors)
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, fields, retry) = match self {
            AppError::Validation(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                errors.0,
                None,
            ),
            AppError::Client(status, code) => (status, code, Default::default(), None),
            AppError::FieldConflict(field, code) => {
                let fields = [(field, code)].into_iter().collect();
                (StatusCode::CONFLICT, code, fields, None)
            }
            AppError::RateLimited(minutes) => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                Default::default(),
                Some(minutes),
            ),
            AppError::Database(error) => {
                tracing::error!(%error, "database error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorCode::Internal,
                    Default::default(),
                    None,
                )
            }
            AppError::Internal(error) => {
                tracing::error!(%error, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorCode::Internal,
                    Default::default(),
                    None,
                )
            }
        };
        let message = match retry {
            Some(minutes) => format!("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút."),
            None => code.message_vi().to_owned(),
        };
        let body = ApiError {
            code,
            message,
            fields,
            retry_after_minutes: retry,
        };
        (status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            ErrorCode::PayloadTooLarge
        } else {
            ErrorCode::MalformedJson
        };
        // Wrong types (422 from axum) and bad syntax (400) both mean "the body is not what we take".
        let status = if status.is_client_error() {
            status
        } else {
            StatusCode::BAD_REQUEST
        };
        AppError::Client(status, code)
    }
}

impl From<QueryRejection> for AppError {
    fn from(_: QueryRejection) -> Self {
        AppError::Client(StatusCode::BAD_REQUEST, ErrorCode::MalformedJson)
    }
}

impl From<PathRejection> for AppError {
    /// `/api/groups/abc` names nothing that exists: the same 404 as an unknown number.
    fn from(_: PathRejection) -> Self {
        AppError::not_found()
    }
}

/// `Json` whose rejections answer in the API's own error shape, and which refuses control
/// characters (NUL, escape, backspace…) in every text a client sends, with one code on the field
/// that holds it: they are invisible on screen, break exports and spoof what a cadre reads. Line
/// breaks and tabs are text.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let Json(value) = Json::<serde_json::Value>::from_request(request, state).await?;
        if let Some(field) = control_character_in(&value) {
            return Err(AppError::field(&field, ErrorCode::ControlCharacter));
        }
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|_| AppError::Client(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::MalformedJson))
    }
}

/// The top-level field whose text (at any depth) holds a control character other than a line
/// break or a tab.
fn control_character_in(value: &serde_json::Value) -> Option<String> {
    fn bad(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(text) => text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
            serde_json::Value::Array(items) => items.iter().any(bad),
            serde_json::Value::Object(fields) => fields.iter().any(|(k, v)| bad(v) || bad(&k.clone().into())),
            _ => false,
        }
    }
    match value {
        serde_json::Value::Object(fields) => {
            fields.iter().find(|(_, v)| bad(v)).map(|(name, _)| name.clone())
        }
        other => bad(other).then(String::new),
    }
}

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// `Query` whose rejections answer in the API's own error shape.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// `Path` whose rejections answer in the API's own error shape.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);
