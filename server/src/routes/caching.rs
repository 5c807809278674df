//! What a browser, a proxy and the app's service worker may keep of each API answer.
//!
//! Personal data (her account, her data, applications to the Hội, quiz attempts, notifications,
//! exports, the board's queues) is `private, no-store`: kept nowhere, by nobody. What the app
//! shows with no network (feeds, groups, posts, programme lists and forms) is `private, no-cache`:
//! her own phone may keep it and must ask again when online (the service worker's offline copy).
//! Reference data that is the same for everyone (the administrative divisions) is public for a
//! day. A handler that sets its own `Cache-Control` (photos) keeps it.

use axum::{
    extract::Request,
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::Response,
};

/// Paths the app reads with no network; `{id}` stands for a number.
const OFFLINE_READABLE: &[&str] = &[
    "/api/feed",
    "/api/groups",
    "/api/groups/{id}",
    "/api/groups/{id}/posts",
    "/api/posts/{id}",
    "/api/posts/{id}/comments",
    "/api/posts/{id}/poll",
    "/api/photo-contests",
    "/api/photo-contests/{id}",
    "/api/quizzes",
    "/api/quizzes/{id}",
    "/api/surveys",
    "/api/surveys/{id}",
    "/api/surveys/{id}/form",
    "/api/surveys/template",
];

/// The same answer for everyone, whoever asks.
const PUBLIC: &[&str] = &["/api/units", "/api/units/{id}"];

pub const PERSONAL: &str = "private, no-store";
pub const OFFLINE: &str = "private, no-cache";
pub const REFERENCE: &str = "public, max-age=86400";

/// The policy of a GET to `path`.
pub fn policy(path: &str) -> &'static str {
    let shape: String = path
        .split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
                "{id}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    if PUBLIC.contains(&shape.as_str()) {
        REFERENCE
    } else if OFFLINE_READABLE.contains(&shape.as_str()) {
        OFFLINE
    } else {
        PERSONAL
    }
}

/// Sets the policy on every API answer that has none; anything but a GET is never stored.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let value = if request.method() == Method::GET {
        policy(request.uri().path())
    } else {
        PERSONAL
    };
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_answers_are_kept_nowhere() {
        for path in [
            "/api/me",
            "/api/me/data",
            "/api/hoi/applications/mine",
            "/api/hoi/applications/12",
            "/api/quiz-attempts/7",
            "/api/notifications",
            "/api/groups/3/requests",
            "/api/surveys/4/export",
        ] {
            assert_eq!(policy(path), PERSONAL, "{path}");
        }
    }

    #[test]
    fn what_the_app_shows_offline_may_be_kept_on_her_phone_and_units_by_anyone() {
        assert_eq!(policy("/api/groups/12/posts"), OFFLINE);
        assert_eq!(policy("/api/posts/5/comments"), OFFLINE);
        assert_eq!(policy("/api/units/1001"), REFERENCE);
        assert_eq!(
            policy("/api/groups/abc/posts"),
            PERSONAL,
            "only numbers stand for ids"
        );
    }
}
