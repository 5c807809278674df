//! Serving the built app: a release's files cached a year, brotli chosen by Accept-Encoding,
//! index.html for deep links (never for a release's file that is gone), and a CSP that lists the
//! hash of the inline boot script.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use base64::Engine;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

const LOADER: &str = "import init from '/app/0123456789abcdef/app.js'; init();";

fn built_app() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hoi-dist-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let index = format!(
        "<!DOCTYPE html><html><head><script type=\"module\">{LOADER}</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    let release = dir.join("app").join("0123456789abcdef");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::write(release.join("app_bg.wasm"), b"\0asm plain").unwrap();
    std::fs::write(release.join("app_bg.wasm.br"), b"brotli bytes").unwrap();
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// A server (on the test's database, SQLite or PostgreSQL) serving the app built in `dist`.
async fn app_serving(dist: &std::path::Path) -> axum::Router {
    let dist = dist.to_path_buf();
    crate::helpers::spawn_app_with(move |config| config.dist = dist)
        .await
        .router
}

async fn get(app: &axum::Router, path: &str, encoding: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::get(path)
        .header(header::ACCEPT_ENCODING, encoding)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    (
        parts.status,
        parts.headers,
        body.collect().await.unwrap().to_bytes().to_vec(),
    )
}

#[tokio::test]
async fn a_releases_files_are_cached_a_year_and_sent_as_brotli_when_accepted() {
    let dist = built_app();
    let app = app_serving(&dist).await;
    let (status, headers, body) = get(&app, "/app/0123456789abcdef/app_bg.wasm", "gzip, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(body, b"brotli bytes");
    assert!(headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));

    let (_, plain_headers, plain) = get(&app, "/app/0123456789abcdef/app_bg.wasm", "identity").await;
    assert!(plain_headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain, b"\0asm plain");
}

#[tokio::test]
async fn a_chunk_of_a_release_that_is_gone_is_not_found_not_the_page() {
    let dist = built_app();
    let app = app_serving(&dist).await;
    let (status, _, body) = get(&app, "/app/fedcba9876543210/pack_quiz.bin", "identity").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!String::from_utf8_lossy(&body).contains("<!DOCTYPE html>"));
}

#[tokio::test]
async fn deep_links_get_index_html_revalidated_and_api_paths_do_not() {
    let dist = built_app();
    let app = app_serving(&dist).await;
    let (status, headers, body) = get(&app, "/groups/12/requests", "identity").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains("<!DOCTYPE html>"));
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");

    let (api_status, _, api_body) = get(&app, "/api/nope", "identity").await;
    assert_eq!(api_status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8(api_body)
        .unwrap()
        .contains("\"code\":\"not_found\""));
}

#[tokio::test]
async fn the_csp_allows_wasm_and_only_the_inline_loader_by_its_hash() {
    let dist = built_app();
    let app = app_serving(&dist).await;
    let (_, headers, _) = get(&app, "/", "identity").await;
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(LOADER.as_bytes()));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    assert!(!csp.contains("unsafe-inline"));
}
