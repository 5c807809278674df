use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn registering_creates_the_account_signs_her_in_and_stores_e164() {
    let app = spawn_app().await;
    let mut client = app.client();
    let reply = app
        .register(
            &mut client,
            "0912 345 678",
            " Nguyễn  Thị Lan ",
            "hoa sen tím 1975",
        )
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
    // She registers again with the code texted to her own phone: only then is she told.
    let reply = app
        .register(&mut app.client(), "0912345678", "Lan 2", "hoa sen tím 1975")
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.field("phone"), "phone_taken");
}

#[tokio::test]
async fn registering_needs_the_code_texted_to_the_phone_and_tells_a_stranger_nothing() {
    let app = spawn_app().await;
    app.member("0912345678", "Lan").await;
    let mut stranger = app.client();
    let form = |phone: &str, code: &str| json!({"phone": phone, "display_name": "Kẻ lạ", "password": "mật khẩu dài 2025", "code": code});
    let no_code = stranger.post("/api/auth/register", form("0987654321", "")).await;
    assert_eq!(no_code.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_code.field("code"), "required");

    // A code asked for her number and for a free one: the same answer, and her phone gets it.
    for phone in ["0912345678", "0987654321"] {
        let sent = stranger.post("/api/auth/otp", json!({ "phone": phone })).await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{phone}");
        assert_eq!(sent.body, json!(""), "no body that could differ");
    }
    let taken = stranger
        .post("/api/auth/register", form("0912345678", "123456"))
        .await;
    let free = stranger
        .post("/api/auth/register", form("0987654321", "123456"))
        .await;
    for reply in [&taken, &free] {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
        assert_eq!(reply.field("code"), "invalid_code");
    }
    assert_eq!(taken.body, free.body, "a taken number looks like a free one");

    // Guessing burns the code: after five wrong tries the right one is refused too.
    for _ in 0..4 {
        stranger
            .post("/api/auth/register", form("0987654321", "000000"))
            .await;
    }
    let right = app.code_for("0987654321");
    let late = stranger
        .post("/api/auth/register", form("0987654321", &right))
        .await;
    assert_eq!(late.field("code"), "invalid_code");
    assert_eq!(stranger.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_fourth_code_for_one_phone_within_the_hour_waits() {
    let app = spawn_app().await;
    let mut client = app.client();
    for _ in 0..3 {
        let sent = client.post("/api/auth/otp", json!({"phone": "0912345678"})).await;
        assert_eq!(sent.status, StatusCode::ACCEPTED);
    }
    let fourth = app
        .client()
        .post("/api/auth/otp", json!({"phone": "0912345678"}))
        .await;
    assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(fourth.body["message"]
        .as_str()
        .unwrap()
        .contains("thử lại sau 60 phút"));
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

    // Whoever typed them, she is not locked out on her own phone (another address).
    let mut hers = app.client();
    let own = hers
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
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
async fn a_code_for_a_free_number_resets_no_password_but_registers_it() {
    let app = spawn_app().await;
    let mut client = app.client();
    let sent = client.post("/api/auth/otp", json!({"phone": "0912345678"})).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let code = app.code_for("0912345678");
    let reset = client
        .post(
            "/api/auth/otp/reset",
            json!({"phone": "0912345678", "code": code, "new_password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(
        reset.field("code"),
        "invalid_code",
        "there is no account to reset"
    );
    let registered = app
        .register(&mut client, "0912345678", "Lan", "hoa sen tím 1975")
        .await;
    assert_eq!(registered.status, StatusCode::CREATED, "{}", registered.body);
}
