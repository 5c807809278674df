//! The authorization matrix, generated from the OpenAPI document: every operation, called by each
//! kind of caller, answers what the document and the rules say, and a refused call changes no row.

use axum::{
    body::Body,
    http::{Method, StatusCode},
};
use serde_json::Value;

use crate::helpers::{spawn_app, Client, Reply, TestApp};

mod roles;

/// Every operation of the document: (method, path template).
async fn operations(app: &TestApp) -> Vec<(String, String)> {
    let document = app.client().get("/api/openapi.json").await.body;
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete"] {
            if item.get(method).is_some() {
                operations.push((method.to_owned(), path.clone()));
            }
        }
    }
    operations
}

/// The path with every `{name}` filled with `id`.
fn filled(path: &str, id: i64) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                id.to_string()
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn call(client: &mut Client, method: &str, path: &str) -> StatusCode {
    let body = (method != "get").then(|| Value::Object(Default::default()));
    call_with(client, method, path, body).await.status
}

/// One call with a JSON body (none for a GET or a body-less operation).
async fn call_with(client: &mut Client, method: &str, path: &str, body: Option<Value>) -> Reply {
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let body = body.map(|body| Body::from(body.to_string()));
    client.send(method, path, body, "application/json").await
}

/// Rows in every table (the backup's count): a refused request must leave it as it was. Except
/// the attempts the limits count (`limit_hits`, on PostgreSQL): a refused attempt is an attempt.
async fn rows(app: &TestApp) -> Vec<(String, i64)> {
    let mut rows = hoi_server::backup::row_counts(&app.state.db).await.unwrap();
    rows.retain(|(table, _)| table != "limit_hits");
    rows
}

/// A visitor (no session) gets 401 from every operation the document says needs a session, and
/// never 401 from a public one; nothing she sends changes a row.
#[tokio::test]
async fn a_visitor_is_asked_to_sign_in_everywhere_but_the_public_operations() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = crate::helpers::create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let document = app.client().get("/api/openapi.json").await.body;
    let before = rows(&app).await;
    let mut visitor = app.client();
    let mut checked = 0;
    for (method, path) in operations(&app).await {
        if path == "/api/events" || (method == "post" && path.starts_with("/api/auth/")) {
            continue; // a stream; signing in and registering are the visitor's own business
        }
        let operation = &document["paths"][&path][&method];
        let documented: &Value = &operation["responses"];
        // `[{}, …]`: the session is optional; `[{"session": []}]`: required.
        let needs_session = operation["security"]
            .as_array()
            .is_some_and(|any_of| !any_of.iter().any(|r| r.as_object().is_some_and(|r| r.is_empty())));
        let status = call(&mut visitor, &method, &filled(&path, group)).await;
        if needs_session {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        } else {
            assert_ne!(status, StatusCode::UNAUTHORIZED, "{method} {path} is public");
            assert!(
                documented.get(status.as_str()).is_some(),
                "{method} {path}: {status} is not in the document"
            );
        }
        checked += 1;
    }
    println!("matrix: visitor × {checked} operations");
    let mut after = rows(&app).await;
    // Applying to the Hội signed out with `{}` is refused (422) like everything else.
    after.retain(|(table, _)| table != "sessions");
    let mut before = before;
    before.retain(|(table, _)| table != "sessions");
    assert_eq!(before, after, "a visitor's requests changed no row");
}
