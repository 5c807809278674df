//! What an attacker tries against any endpoint: control characters, caches that keep personal
//! data, a cookie sent in clear, floods.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{create_group, spawn_app, spawn_app_with, write_post};

#[tokio::test]
async fn control_characters_are_refused_in_every_text_with_one_code() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let post = write_post(&mut admin, group, "Lịch sinh hoạt", "hoi_news").await;
    let post = post["id"].as_i64().unwrap();
    for bad in ["Chào\u{0}chị", "\u{1b}[31mđỏ", "xoá\u{8}\u{8}", "ẩn\u{7f}"] {
        let comment = admin
            .post(&format!("/api/posts/{post}/comments"), json!({"body": bad}))
            .await;
        assert_eq!(
            comment.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad:?}: {}",
            comment.body
        );
        assert_eq!(comment.field("body"), "control_character");
        let name = admin
            .put(
                "/api/me",
                json!({"display_name": bad, "home_unit_id": null, "overseas": false, "hoi_member": false}),
            )
            .await;
        assert_eq!(name.field("display_name"), "control_character", "{}", name.body);
    }
    // Line breaks and tabs are text.
    let lines = admin
        .post(
            &format!("/api/posts/{post}/comments"),
            json!({"body": "Dòng một\nDòng hai\r\n\tthụt lề"}),
        )
        .await;
    assert_eq!(lines.status, StatusCode::CREATED, "{}", lines.body);
}

#[tokio::test]
async fn personal_answers_are_kept_by_no_cache_and_feeds_only_on_her_phone() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    for path in [
        "/api/me",
        "/api/me/data",
        "/api/hoi/applications/mine",
        "/api/notifications",
    ] {
        let reply = admin.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.headers["cache-control"], "private, no-store", "{path}");
    }
    let feed = admin.get(&format!("/api/groups/{group}/posts")).await;
    assert_eq!(feed.headers["cache-control"], "private, no-cache");
    let units = admin.get("/api/units?q=gia%20lam").await;
    assert_eq!(units.headers["cache-control"], "public, max-age=86400");
    let login = app
        .client()
        .post(
            "/api/auth/login",
            json!({"phone": "0912000001", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(login.headers["cache-control"], "private, no-store");
}

#[tokio::test]
async fn an_https_public_address_makes_the_cookie_secure_and_sends_hsts() {
    let plain = spawn_app().await;
    let mut client = plain.client();
    let reply = plain
        .register(&mut client, "0912345678", "Lan", "hoa sen tím 1975")
        .await;
    assert!(!reply.headers["set-cookie"].to_str().unwrap().contains("Secure"));
    assert!(reply.headers.get("strict-transport-security").is_none());

    let https = spawn_app_with(|config| config.public_url = "https://chihoiso.vn".into()).await;
    let mut client = https.client();
    let reply = https
        .register(&mut client, "0912345678", "Lan", "hoa sen tím 1975")
        .await;
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert_eq!(reply.headers["strict-transport-security"], "max-age=31536000");
}

#[tokio::test]
async fn a_flood_of_posts_waits_and_says_for_how_long() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let allowed = hoi_server::limits::Action::Post.rule().per_account;
    for n in 0..allowed {
        write_post(&mut admin, group, &format!("Tin số {n}"), "entertainment").await;
    }
    let flood = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "entertainment", "body": "Một tin nữa"}),
        )
        .await;
    assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS, "{}", flood.body);
    assert_eq!(flood.code(), "rate_limited");
    assert!(flood.body["message"]
        .as_str()
        .unwrap()
        .contains("thử lại sau 60 phút"));
    // Another member is not held back by her flood.
    let mut other = app.member("0912000002", "Lan").await;
    let reply = other.get(&format!("/api/groups/{group}")).await;
    assert_eq!(reply.status, StatusCode::OK);
}
