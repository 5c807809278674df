//! Serving the built app: precompressed assets, long caching for hashed names, deep links, and
//! the security headers every response carries.

use std::path::Path;

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Response},
    middleware::Next,
    Router,
};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};

/// The app's files from `dist`: `.br`/`.gz` siblings chosen by Accept-Encoding, and index.html
/// for any path that is not a file, so `/groups/12` opened from Zalo works. A release's files
/// (`/app/<id>/…`) are the exception: one that is gone (an old release after a deploy) is a 404,
/// never index.html, which a chunk loader or the service worker would take for wasm.
pub fn app_files(dist: &Path) -> Option<Router> {
    let index = dist.join("index.html");
    if !index.is_file() {
        return None;
    }
    let releases = ServeDir::new(dist.join("app"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index).precompressed_br().precompressed_gzip());
    Some(
        Router::new()
            .nest_service("/app", releases)
            .fallback_service(files)
            .layer(axum::middleware::from_fn(cache_control)),
    )
}

/// Hashed names (`app-1f2e….wasm`) never change content: cache them a year. Everything else,
/// index.html above all, is revalidated so a new release reaches phones at once.
async fn cache_control(request: Request, next: Next) -> Response<Body> {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let value = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Trunk appends `-<16 hex digits>` to the stem of every asset it hashes (the CSS); the app's wasm,
/// its JS and its chunks live in `/app/<16 hex digits>/`, a folder per release.
pub fn is_hashed_asset(path: &str) -> bool {
    let hex = |text: &str| text.len() >= 16 && text.chars().all(|c| c.is_ascii_hexdigit());
    if let Some(release) = path.strip_prefix("/app/").and_then(|rest| rest.split_once('/')) {
        return hex(release.0);
    }
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("").trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| hex(hash))
}

/// The Content-Security-Policy: scripts only from our origin, WebAssembly compilation allowed,
/// and inline scripts only when their SHA-256 is listed (Trunk's loader in index.html is).
pub fn content_security_policy(dist: &Path) -> String {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&index)
        .map(|script| format!(" 'sha256-{}'", sha256_base64(script)))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'"
    )
}

fn sha256_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The bodies of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hashed_names_and_release_folders_only() {
        assert!(is_hashed_asset("/chi-hoi-so-3f2a9b8c7d6e5f40_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("/app/7b863f6202ad1007/pack_quiz.bin"));
        assert!(!is_hashed_asset("/app/latest/app.js"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/groups/12"));
    }

    #[test]
    fn lists_the_hash_of_each_inline_script_and_skips_external_ones() {
        let html = r#"<script src="/a.js"></script><script type="module">init();</script>"#;
        let scripts: Vec<_> = inline_scripts(html).collect();
        assert_eq!(scripts, vec!["init();"]);
        assert_eq!(sha256_base64("init();").len(), 44);
    }
}
