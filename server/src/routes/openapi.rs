//! The OpenAPI document, completed by the rules that hold for every operation, so that it tells
//! the whole truth without each handler repeating them (and a handler added later is covered):
//!
//! - every `{name}` of a path is a declared path parameter (ids are numbers on every path), and
//!   the query's parameters say they are in the query;
//! - an operation that needs a session says so (`security`) and answers 401 without one: all
//!   but [`PUBLIC`];
//! - an operation with ids in its path answers 404 when they name nothing (or are not numbers);
//! - a JSON body can be malformed (400), too large (413), of another type (415), or break the
//!   rules (422); a query parameter of the wrong type is a 400 too;
//! - every write can be refused with 403: advisors change nothing, whatever the operation
//!   (`auth/read_only.rs`), and members act only where they belong.
//!
//! What is particular to one operation (409, 429, a 403 on a read) stays on its
//! `#[utoipa::path]`. The fuzzer in `cargo xtask test` holds the whole document to the answers.

use serde_json::{json, Map, Value};

/// Operations that never ask for a session: a visitor gets their answer (or a 4xx of their own).
pub const PUBLIC: &[(&str, &str)] = &[
    ("post", "/api/auth/register"),
    ("post", "/api/auth/login"),
    ("post", "/api/auth/otp"),
    ("post", "/api/auth/otp/reset"),
    ("post", "/api/hoi/applications"),
    ("get", "/api/health"),
    ("get", "/api/units"),
    ("get", "/api/units/{id}"),
    ("get", "/api/groups"),
    ("get", "/api/groups/{id}"),
    ("get", "/api/groups/{id}/posts"),
    ("get", "/api/groups/{id}/qr.svg"),
    ("get", "/api/posts/{id}"),
    ("get", "/api/posts/{id}/comments"),
    ("get", "/api/posts/{id}/poll"),
    ("get", "/api/posts/{id}/reactions"),
    ("get", "/api/covers/{id}"),
    ("get", "/api/covers/{id}/thumb"),
    ("get", "/api/photos/{id}"),
    ("get", "/api/photos/{id}/thumb"),
    ("get", "/api/photo-contests"),
    ("get", "/api/photo-contests/{id}"),
    ("get", "/api/photo-contests/{id}/results"),
    ("get", "/api/photo-contests/{id}/tally"),
    ("get", "/api/photo-contest-entries/{id}"),
];

const METHODS: [&str; 4] = ["get", "post", "put", "delete"];

/// Applies the rules above to the document's operations.
pub fn complete(document: &mut Value) {
    document["components"]["securitySchemes"]["session"] = json!({
        "type": "apiKey", "in": "cookie", "name": "hoi_session",
        "description": "Set by signing in or registering; HttpOnly."
    });
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                complete_operation(method, path, operation);
            }
        }
    }
}

fn complete_operation(method: &str, path: &str, operation: &mut Map<String, Value>) {
    let names = path_names(path);
    let parameters = operation
        .entry("parameters")
        .or_insert_with(|| json!([]))
        .as_array_mut();
    if let Some(parameters) = parameters {
        // `IntoParams` structs read with `ApiQuery` come out as path parameters (utoipa only
        // recognises axum's own `Query`): a "path" parameter the path does not name is a query one.
        for parameter in parameters.iter_mut() {
            let named = parameter["name"]
                .as_str()
                .is_some_and(|n| names.iter().any(|m| m == n));
            if parameter["in"] == "path" && !named {
                parameter["in"] = json!("query");
            }
        }
        for name in &names {
            let declared = parameters
                .iter()
                .any(|p| p["in"] == "path" && p["name"] == name.as_str());
            if !declared {
                parameters.push(json!({
                    "name": name, "in": "path", "required": true,
                    "schema": {"type": "integer", "format": "int64"}
                }));
            }
        }
    }
    let has_body = operation.contains_key("requestBody");
    let has_query = operation["parameters"]
        .as_array()
        .is_some_and(|parameters| parameters.iter().any(|p| p["in"] == "query"));
    let mut statuses: Vec<(&str, &str)> = Vec::new();
    let public = PUBLIC.contains(&(method, path));
    if !public {
        statuses.push(("401", "Not signed in (unauthenticated)."));
    }
    // The session cookie: required, or (`{}` first) optional for a public operation that shows
    // more to a member.
    operation.insert(
        "security".into(),
        if public {
            json!([{}, {"session": []}])
        } else {
            json!([{"session": []}])
        },
    );
    if !names.is_empty() {
        statuses.push(("404", "Nothing with that id, or not a number (not_found)."));
    }
    if has_query && !has_body {
        statuses.push(("400", "A query parameter is not of its type (malformed_json)."));
        statuses.push(("422", "A query parameter breaks the rules (validation_failed)."));
    }
    if has_body {
        statuses.extend([
            ("400", "The body is not JSON (malformed_json)."),
            (
                "413",
                "The body is over 64 KB, or a photo over 10 MB (payload_too_large).",
            ),
            ("415", "The body is not of the declared type."),
            (
                "422",
                "A field breaks the rules: `fields` says which and why (validation_failed).",
            ),
        ]);
    }
    if method != "get" {
        statuses.push((
            "403",
            "Not hers to change: an advisor, or not on the board (forbidden).",
        ));
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    if let Some(responses) = responses {
        for (status, description) in statuses {
            responses.entry(status).or_insert_with(|| {
                json!({
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
                })
            });
        }
    }
}

/// The `{name}` parts of a path template.
fn path_names(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_parameter_and_the_shared_statuses_are_added() {
        let mut document = json!({"paths": {
            "/api/quiz-attempts/{id}/answers/{question}": {"put": {
                "requestBody": {}, "responses": {"204": {"description": "saved"}}
            }},
            "/api/health": {"get": {"responses": {"200": {"description": "up"}}}}
        }});
        complete(&mut document);
        let put = &document["paths"]["/api/quiz-attempts/{id}/answers/{question}"]["put"];
        let names: Vec<&str> = put["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["id", "question"]);
        for status in ["204", "400", "401", "403", "404", "413", "415", "422"] {
            assert!(put["responses"].get(status).is_some(), "{status}");
        }
        let health = &document["paths"]["/api/health"]["get"]["responses"];
        assert!(
            health.get("401").is_none(),
            "a public operation never asks for a session"
        );
        assert!(health.get("404").is_none());
    }
}
