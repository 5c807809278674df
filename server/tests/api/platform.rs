//! What every endpoint shares: the error shape, limits, health, the OpenAPI document.

use axum::{
    body::Body,
    http::{Method, StatusCode},
};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn malformed_json_wrong_types_and_oversize_bodies_answer_4xx_in_the_error_shape() {
    let app = spawn_app().await;
    let mut client = app.client();
    let broken = client
        .send(
            Method::POST,
            "/api/auth/login",
            Some(Body::from("{\"phone\":")),
            "application/json",
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.code(), "malformed_json");
    assert!(broken.body["message"].as_str().is_some());

    let wrong_type = client
        .post("/api/auth/login", json!({"phone": 912345678, "password": true}))
        .await;
    assert!(wrong_type.status.is_client_error());
    assert_eq!(wrong_type.code(), "malformed_json");

    let huge =
        json!({"phone": "0912345678", "display_name": "x".repeat(100_000), "password": "hoa sen tím 1975"});
    let too_large = client.post("/api/auth/register", huge).await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_large.code(), "payload_too_large");

    let no_type = client
        .send(
            Method::POST,
            "/api/auth/login",
            Some(Body::from("{}")),
            "text/plain",
        )
        .await;
    assert!(no_type.status.is_client_error());
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let app = spawn_app().await;
    let reply = app.client().get("/api/nothing/here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.code(), "not_found");
}

#[tokio::test]
async fn health_reports_the_database_backend() {
    let app = spawn_app().await;
    let reply = app.client().get("/api/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    let expected = if std::env::var("HOI_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(reply.body["database"], expected);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let reply = app.client().get("/api/health").await;
    let csp = reply.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("default-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("'unsafe-inline'"));
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let reply = app.client().get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = reply.body["paths"].as_object().unwrap();
    let listed: std::collections::BTreeSet<(&str, &str)> = [
        ("/api/health", "get"),
        ("/api/auth/register", "post"),
        ("/api/auth/login", "post"),
        ("/api/auth/logout", "post"),
        ("/api/auth/logout-all", "post"),
        ("/api/auth/otp", "post"),
        ("/api/auth/otp/reset", "post"),
        ("/api/me", "get"),
        ("/api/me", "put"),
        ("/api/me/password", "put"),
        ("/api/me/phone", "put"),
        ("/api/units", "get"),
        ("/api/units/{id}", "get"),
        ("/api/units/{id}/branches", "post"),
        ("/api/units/{id}", "put"),
        ("/api/units/{id}", "delete"),
        ("/api/units/{id}/merge", "post"),
        ("/api/units/{id}/overview", "get"),
        ("/api/units/{id}/people", "post"),
        ("/api/units/{id}/people/{user_id}", "delete"),
        ("/api/me/units", "get"),
        ("/api/me/todo", "get"),
        ("/api/groups", "get"),
        ("/api/groups", "post"),
        ("/api/groups/{id}", "get"),
        ("/api/groups/{id}", "put"),
        ("/api/groups/{id}/verified", "put"),
        ("/api/groups/{id}/qr.svg", "get"),
        ("/api/groups/{id}/membership", "post"),
        ("/api/groups/{id}/membership", "delete"),
        ("/api/groups/{id}/requests", "get"),
        ("/api/groups/{id}/members", "get"),
        ("/api/groups/{id}/requests/{user_id}", "post"),
        ("/api/groups/{id}/members/{user_id}/role", "put"),
        ("/api/groups/{id}/members/{user_id}/password-reset", "post"),
        ("/api/groups/{id}/posts", "get"),
        ("/api/groups/{id}/posts", "post"),
        ("/api/groups/{id}/posts/mine", "get"),
        ("/api/feed", "get"),
        ("/api/posts/{id}", "get"),
        ("/api/posts/{id}", "put"),
        ("/api/posts/{id}", "delete"),
        ("/api/posts/{id}/poll", "get"),
        ("/api/covers", "post"),
        ("/api/groups/{id}", "delete"),
        ("/api/groups/{id}/archive", "put"),
        ("/api/covers/{id}", "get"),
        ("/api/covers/{id}/thumb", "get"),
        ("/api/posts/{id}/poll/vote", "post"),
        ("/api/posts/{id}/poll/vote", "put"),
        ("/api/groups/{id}/photos", "post"),
        ("/api/photos/{id}", "get"),
        ("/api/photos/{id}/thumb", "get"),
        ("/api/posts/{id}/reaction", "put"),
        ("/api/posts/{id}/reaction", "delete"),
        ("/api/posts/{id}/reactions", "get"),
        ("/api/posts/{id}/comments", "get"),
        ("/api/posts/{id}/comments", "post"),
        ("/api/comments/{id}", "delete"),
        ("/api/posts/{id}/flags", "post"),
        ("/api/groups/{id}/queue", "get"),
        ("/api/groups/{id}/board-counts", "get"),
        ("/api/posts/{id}/decision", "post"),
        ("/api/posts/{id}/pin", "put"),
        ("/api/posts/{id}/answer", "post"),
        ("/api/flags/{id}/decision", "post"),
        ("/api/groups/{id}/moderation", "get"),
        ("/api/groups/{id}/moderation", "put"),
        ("/api/groups/{id}/audit", "get"),
        ("/api/notifications", "get"),
        ("/api/notifications/read", "post"),
        ("/api/events", "get"),
        ("/api/hoi/applications", "post"),
        ("/api/hoi/applications", "get"),
        ("/api/hoi/applications/mine", "get"),
        ("/api/hoi/applications/mine/seen", "post"),
        ("/api/hoi/applications/counts", "get"),
        ("/api/hoi/applications/export.xlsx", "get"),
        ("/api/hoi/applications/{id}", "get"),
        ("/api/hoi/applications/{id}", "put"),
        ("/api/hoi/applications/{id}", "delete"),
        ("/api/hoi/applications/{id}/progress", "post"),
        ("/api/hoi/applications/{id}/consents/{purpose}", "delete"),
        ("/api/me/data", "get"),
        ("/api/me", "delete"),
        ("/api/quizzes", "get"),
        ("/api/quizzes", "post"),
        ("/api/quizzes/{id}", "get"),
        ("/api/quizzes/{id}", "put"),
        ("/api/quizzes/{id}/form", "get"),
        ("/api/quizzes/{id}/close", "post"),
        ("/api/quizzes/{id}/attempts", "post"),
        ("/api/quiz-attempts/{id}", "get"),
        ("/api/quiz-attempts/{id}/answers/{question}", "put"),
        ("/api/quiz-attempts/{id}/prediction", "put"),
        ("/api/quiz-attempts/{id}/submit", "post"),
        ("/api/quizzes/{id}/ranking", "get"),
        ("/api/quizzes/{id}/participation", "get"),
        ("/api/quizzes/{id}/ranking/export", "get"),
        ("/api/photo-contests", "get"),
        ("/api/photo-contests", "post"),
        ("/api/photo-contests/{id}", "get"),
        ("/api/photo-contests/{id}", "put"),
        ("/api/photo-contests/{id}/form", "get"),
        ("/api/photo-contests/{id}/close", "post"),
        ("/api/photo-contests/{id}/photos", "post"),
        ("/api/photo-contests/{id}/entries", "post"),
        ("/api/photo-contests/{id}/judging", "get"),
        ("/api/photo-contests/{id}/tally", "get"),
        ("/api/photo-contests/{id}/signals", "get"),
        ("/api/photo-contests/{id}/votes/void", "post"),
        ("/api/photo-contests/{id}/results", "get"),
        ("/api/photo-contests/{id}/results/export", "get"),
        ("/api/photo-contest-entries/{id}", "get"),
        ("/api/photo-contest-entries/{id}/decision", "post"),
        ("/api/photo-contest-entries/{id}/score", "put"),
        ("/api/photo-contest-entries/{id}/vote", "post"),
        ("/api/surveys", "get"),
        ("/api/surveys", "post"),
        ("/api/surveys/template", "get"),
        ("/api/surveys/{id}", "get"),
        ("/api/surveys/{id}", "put"),
        ("/api/surveys/{id}/form", "get"),
        ("/api/surveys/{id}/close", "post"),
        ("/api/surveys/{id}/responses", "post"),
        ("/api/surveys/{id}/results", "get"),
        ("/api/surveys/{id}/export", "get"),
        ("/api/reports", "get"),
        ("/api/reports/export", "get"),
        ("/api/reports/scopes", "get"),
        ("/api/reports/oversight", "get"),
    ]
    .into_iter()
    .collect();
    let documented: std::collections::BTreeSet<(&str, &str)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (path.as_str(), method.as_str()))
        })
        .collect();
    let missing: Vec<_> = listed.difference(&documented).collect();
    assert!(missing.is_empty(), "listed but not documented: {missing:?}");
    let unlisted: Vec<_> = documented.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "a new endpoint needs a line in this test: {unlisted:?}"
    );
    assert_eq!(documented.len(), 131);
}
