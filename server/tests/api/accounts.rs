use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn registering_creates_the_account_signs_her_in_and_stores_e164() {
    let app = spawn_app().await;
    let mut client = app.client();
    let reply = client
        .post("/api/auth/register", json!({"phone": "0912 345 678", "display_name": " Nguyễn  Thị Lan ", "password": "hoa sen tím 1975"}))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let cookie = reply.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let me = client.get("/api/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["phone"], "+84912345678");
    assert_eq!(me.body["display_name"], "Nguyễn Thị Lan");
}

#[tokio::test]
async fn the_plus84_form_is_the_same_account_as_the_0_form() {
    let app = spawn_app().await;
    app.member("+84912345678", "Lan").await;
    let reply = app
        .client()
        .post(
            "/api/auth/register",
            json!({"phone": "0912345678", "display_name": "Lan 2", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.field("phone"), "phone_taken");
}

#[tokio::test]
async fn bad_registrations_are_refused_field_by_field() {
    let app = spawn_app().await;
    let mut client = app.client();
    let reply = client
        .post(
            "/api/auth/register",
            json!({"phone": "024 3825 1234", "display_name": "", "password": "abc"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.code(), "validation_failed");
    assert_eq!(reply.field("phone"), "invalid_phone");
    assert_eq!(reply.field("display_name"), "required");
    assert_eq!(reply.field("password"), "password_too_short");

    let common = client
        .post(
            "/api/auth/register",
            json!({"phone": "0912345678", "display_name": "Lan", "password": "anhyeuem123"}),
        )
        .await;
    assert_eq!(common.field("password"), "password_too_common");
    assert_eq!(
        client.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED,
        "nothing was created"
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_phone_get_the_same_answer() {
    let app = spawn_app().await;
    app.member("0912345678", "Lan").await;
    let mut client = app.client();
    let wrong = client
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "sai mật khẩu"}),
        )
        .await;
    let unknown = client
        .post(
            "/api/auth/login",
            json!({"phone": "0987654321", "password": "sai mật khẩu"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.code(), "wrong_credentials");
    assert_eq!(unknown.code(), "wrong_credentials");
    assert!(client.cookie.is_none());

    let right = client
        .post(
            "/api/auth/login",
            json!({"phone": "+84 912 345 678", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(right.status, StatusCode::OK);
    assert_eq!(client.get("/api/me").await.body["display_name"], "Lan");
}

#[tokio::test]
async fn the_sixth_wrong_password_is_told_to_wait_minutes_even_with_the_right_one() {
    let app = spawn_app().await;
    app.member("0912345678", "Lan").await;
    let mut client = app.client();
    for _ in 0..5 {
        let reply = client
            .post(
                "/api/auth/login",
                json!({"phone": "0912345678", "password": "sai mật khẩu"}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let limited = client
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.code(), "rate_limited");
    assert_eq!(limited.body["retry_after_minutes"], 15);
    assert!(limited.body["message"]
        .as_str()
        .unwrap()
        .contains("thử lại sau 15 phút"));
}

#[tokio::test]
async fn logging_out_ends_this_device_and_logout_all_ends_every_device() {
    let app = spawn_app().await;
    let mut phone = app.member("0912345678", "Lan").await;
    let mut tablet = app.client();
    tablet
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;
    let mut laptop = tablet.clone();
    laptop
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;

    // Each session was just used (and so remembered by the server): logging out still ends it
    // at once, even for a copy of the cookie.
    assert_eq!(tablet.get("/api/me").await.status, StatusCode::OK);
    assert_eq!(laptop.get("/api/me").await.status, StatusCode::OK);
    let mut copied = tablet.clone();
    assert_eq!(
        tablet.post("/api/auth/logout", json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(tablet.cookie.is_none(), "the cookie is cleared");
    assert_eq!(copied.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        phone.get("/api/me").await.status,
        StatusCode::OK,
        "other devices stay signed in"
    );

    assert_eq!(
        phone.post("/api/auth/logout-all", json!({})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(laptop.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn idle_and_old_sessions_expire() {
    let app = spawn_app().await;
    let mut idle = app.member("0912345678", "Lan").await;
    let mut old = app.client();
    old.post(
        "/api/auth/login",
        json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
    )
    .await;
    let token = |c: &crate::helpers::Client| c.cookie.clone().unwrap().split_once('=').unwrap().1.to_owned();
    let now = chrono::Utc::now().timestamp();
    let db = &app.state.db;
    hoi_server::db::sessions::backdate(db, &token(&idle), now - 40 * 86_400, now - 31 * 86_400)
        .await
        .unwrap();
    hoi_server::db::sessions::backdate(db, &token(&old), now - 181 * 86_400, now - 60)
        .await
        .unwrap();
    assert_eq!(idle.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(old.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_code_sent_by_sms() {
    let app = spawn_app().await;
    let mut old_device = app.member("0912345678", "Lan").await;
    let mut client = app.client();
    assert_eq!(
        client
            .post("/api/auth/otp", json!({"phone": "0912345678"}))
            .await
            .status,
        StatusCode::ACCEPTED
    );
    let text = app
        .sms
        .sent
        .lock()
        .unwrap()
        .last()
        .map(|(_, text)| text.clone())
        .expect("an SMS was sent");
    let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();

    let wrong = client
        .post(
            "/api/auth/otp/reset",
            json!({"phone": "0912345678", "code": "000000", "new_password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(wrong.field("code"), "invalid_code");
    let right = client
        .post(
            "/api/auth/otp/reset",
            json!({"phone": "0912345678", "code": code, "new_password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert_eq!(
        old_device.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED,
        "old sessions end"
    );
    let login = app
        .client()
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let again = client
        .post(
            "/api/auth/otp/reset",
            json!({"phone": "0912345678", "code": code, "new_password": "mùa thu lá vàng"}),
        )
        .await;
    assert_eq!(again.field("code"), "invalid_code", "a code works once");
}

#[tokio::test]
async fn no_sms_goes_to_an_unregistered_phone() {
    let app = spawn_app().await;
    let reply = app
        .client()
        .post("/api/auth/otp", json!({"phone": "0912345678"}))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::ACCEPTED,
        "the answer does not reveal who is registered"
    );
    assert!(app.sms.sent.lock().unwrap().is_empty());
}
