use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, GIA_LAM_UNIT, HA_NOI_UNIT};

#[tokio::test]
async fn the_tree_holds_34_provinces_and_every_commune_of_ha_noi() {
    let app = spawn_app().await;
    let mut client = app.client();
    let provinces = client.get("/api/units").await;
    assert_eq!(provinces.body.as_array().unwrap().len(), 34);
    let communes = client.get(&format!("/api/units?parent={HA_NOI_UNIT}")).await;
    assert_eq!(
        communes.body.as_array().unwrap().len(),
        126,
        "Hà Nội has 126 communes/wards since 2025"
    );
}

#[tokio::test]
async fn searching_without_diacritics_finds_gia_lam() {
    let app = spawn_app().await;
    let reply = app
        .client()
        .get(&format!("/api/units?parent={HA_NOI_UNIT}&q=gia%20lam"))
        .await;
    let names: Vec<&str> = reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Xã Gia Lâm"]);
    assert_eq!(reply.body[0]["parent_name"], "Thành phố Hà Nội");
}

#[tokio::test]
async fn only_an_admin_of_the_unit_or_above_adds_a_branch() {
    let app = spawn_app().await;
    let mut member = app.member("0912345678", "Lan").await;
    let before = member
        .get(&format!("/api/units?parent={GIA_LAM_UNIT}"))
        .await
        .body
        .as_array()
        .unwrap()
        .len();
    let refused = member
        .post(
            &format!("/api/units/{GIA_LAM_UNIT}/branches"),
            json!({"name": "Chi hội thôn 1"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let after = member
        .get(&format!("/api/units?parent={GIA_LAM_UNIT}"))
        .await
        .body
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after, "nothing was added");

    let mut province_admin = app.member("0987654321", "Hoa").await;
    let id = app.user_id(&mut province_admin).await;
    hoi_server::db::units::add_admin(&app.state.db, HA_NOI_UNIT, id)
        .await
        .unwrap();
    let created = province_admin
        .post(
            &format!("/api/units/{GIA_LAM_UNIT}/branches"),
            json!({"name": "Chi hội thôn 1"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["level"], "branch");
    assert_eq!(created.body["parent_name"], "Xã Gia Lâm");
}

#[tokio::test]
async fn she_sets_her_home_commune_overseas_and_hoi_member_flags() {
    let app = spawn_app().await;
    let mut client = app.member("0912345678", "Lan").await;
    let reply = client
        .put("/api/me", json!({"display_name": "Nguyễn Thị Lan", "home_unit_id": GIA_LAM_UNIT, "overseas": false, "hoi_member": true}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["home_unit"]["name"], "Xã Gia Lâm");
    assert_eq!(reply.body["hoi_member"], true);

    let province = client
        .put("/api/me", json!({"display_name": "Lan", "home_unit_id": HA_NOI_UNIT, "overseas": false, "hoi_member": false}))
        .await;
    assert_eq!(
        province.field("home_unit_id"),
        "unknown_unit",
        "home is a commune/ward, not a province"
    );
    assert_eq!(
        client.get("/api/me").await.body["display_name"],
        "Nguyễn Thị Lan",
        "nothing changed"
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_devices() {
    let app = spawn_app().await;
    let mut phone = app.member("0912345678", "Lan").await;
    let mut other = app.client();
    other
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;
    let wrong = phone
        .put(
            "/api/me/password",
            json!({"current_password": "sai", "new_password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(wrong.field("current_password"), "wrong_credentials");
    let ok = phone
        .put(
            "/api/me/password",
            json!({"current_password": "hoa sen tím 1975", "new_password": "mùa xuân nho nhỏ"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(
        phone.get("/api/me").await.status,
        StatusCode::OK,
        "this device stays signed in"
    );
    assert_eq!(other.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_unit_is_read_by_id_with_its_parent_and_an_unknown_id_is_a_404() {
    let app = spawn_app().await;
    let mut client = app.client();
    let unit = client.get(&format!("/api/units/{GIA_LAM_UNIT}")).await;
    assert_eq!(unit.status, StatusCode::OK);
    assert_eq!(unit.body["name"], "Xã Gia Lâm");
    assert_eq!(unit.body["level"], "commune");
    assert_eq!(unit.body["parent_name"], "Thành phố Hà Nội");
    let missing = client.get("/api/units/424242424").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "not_found");
    let bad = client.get("/api/units/abc").await;
    assert_eq!(
        bad.status,
        StatusCode::NOT_FOUND,
        "a bad id names nothing: the same JSON 404"
    );
    assert_eq!(bad.code(), "not_found");
}

/// A new SIM: she moves her account to the new number with the code texted to it and her
/// password; she signs in with it from then on, and an application sent with it is hers.
#[tokio::test]
async fn changing_her_number_verifies_the_new_one() {
    let app = spawn_app().await;
    let mut her = app.member("0912345678", "Lan").await;
    app.member("0987000001", "Mai").await;
    let mut visitor = app.client();
    let applied = visitor
        .post("/api/hoi/applications", crate::helpers::hoi::form("0977111222"))
        .await;
    assert_eq!(applied.status, StatusCode::CREATED, "{}", applied.body);
    let change =
        |phone: &str, code: &str, password: &str| json!({"phone": phone, "code": code, "password": password});

    let sent = her.post("/api/auth/otp", json!({"phone": "0977111222"})).await;
    assert_eq!(sent.status, StatusCode::ACCEPTED);
    let code = app.code_for("0977111222");
    let wrong_password = her
        .put("/api/me/phone", change("0977111222", &code, "sai mật khẩu"))
        .await;
    assert_eq!(wrong_password.field("password"), "wrong_credentials");
    let wrong_code = her
        .put(
            "/api/me/phone",
            change("0977111222", "000000", "hoa sen tím 1975"),
        )
        .await;
    assert_eq!(wrong_code.field("code"), "invalid_code");
    let moved = her
        .put("/api/me/phone", change("0977111222", &code, "hoa sen tím 1975"))
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.body["phone"], "+84977111222");
    assert_eq!(
        her.get("/api/hoi/applications/mine")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let login = |phone: &str| json!({"phone": phone, "password": "hoa sen tím 1975"});
    assert_eq!(
        app.client()
            .post("/api/auth/login", login("0977111222"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.client()
            .post("/api/auth/login", login("0912345678"))
            .await
            .status,
        StatusCode::UNAUTHORIZED,
        "the old number is free"
    );

    // Another woman's number: she holds its code only if it is hers, and then is told.
    her.post("/api/auth/otp", json!({"phone": "0987000001"})).await;
    let code = app.code_for("0987000001");
    let taken = her
        .put("/api/me/phone", change("0987000001", &code, "hoa sen tím 1975"))
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.field("phone"), "phone_taken");
}
