//! "Vào Hội": the application, its routing to the right unit, the pipeline, and her rights over
//! her data (Decree 13/2023, Law 91/2025).

use axum::{body::Body, http::Method, http::StatusCode};
use hoi_api::hoi::CONSENT_VERSION;
use hoi_server::db::{privacy, units};
use serde_json::{json, Value};

use crate::helpers::hoi::{form, with};
use crate::helpers::{
    create_group, joined_member, spawn_app, write_post, Client, Reply, TestApp, GIA_LAM_UNIT, HA_NOI_UNIT,
};

/// Phường Cẩm Lệ, Đà Nẵng: another province.
const CAM_LE_UNIT: i64 = 120_260;

/// A signed-in cadre administering `unit`.
async fn cadre(app: &TestApp, unit: i64, phone: &str, name: &str) -> Client {
    let mut client = app.member(phone, name).await;
    let id = app.user_id(&mut client).await;
    units::add_admin(&app.state.db, unit, id)
        .await
        .expect("add admin");
    client
}

/// Ethnicity and religion as the database holds them, read past the API.
async fn sensitive_fields(app: &TestApp, id: i64) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT ethnicity, religion FROM hoi_applications WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn delete_account(client: &mut Client, password: &str) -> Reply {
    let body = json!({ "password": password }).to_string();
    client
        .send(
            Method::DELETE,
            "/api/me",
            Some(Body::from(body)),
            "application/json",
        )
        .await
}

/// Sends an application and answers its id: from the receipt when she is signed in, else from the
/// database (a receipt signed out carries none, so it cannot tell a stranger anything).
async fn submit(app: &TestApp, client: &mut Client, body: Value) -> i64 {
    let phone = hoi_api::Phone::parse(body["phone"].as_str().unwrap()).unwrap();
    let reply = client.post("/api/hoi/applications", body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    match reply.body["id"].as_i64() {
        Some(id) => id,
        None => newest_application(app, &phone).await,
    }
}

async fn newest_application(app: &TestApp, phone: &hoi_api::Phone) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM hoi_applications WHERE phone = $1")
        .bind(phone.as_e164())
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_visitor_applies_and_the_commune_admitting_her_makes_her_account_a_hoi_member() {
    let app = spawn_app().await;
    let mut visitor = app.client();
    let reply = visitor.post("/api/hoi/applications", form("0912345678")).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["unit"]["id"], GIA_LAM_UNIT);
    assert_eq!(
        reply.body["id"],
        Value::Null,
        "signed out, the receipt names no application"
    );
    let id = newest_application(&app, &hoi_api::Phone::parse("0912345678").unwrap()).await;

    let mut commune = cadre(&app, GIA_LAM_UNIT, "0912000010", "Chủ tịch Hội xã").await;
    let list = commune.get("/api/hoi/applications?status=new").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.body["items"][0]["id"], id);
    assert_eq!(list.body["items"][0]["phone_masked"], "0912 *** 678");
    let detail = commune.get(&format!("/api/hoi/applications/{id}")).await;
    assert_eq!(detail.body["phone"], "+84912345678");
    assert_eq!(detail.body["consents"][0]["version"], CONSENT_VERSION);
    assert!(detail.body["consents"][0]["statement"]
        .as_str()
        .unwrap()
        .contains("xét kết nạp"));

    let contacted = commune
        .post(
            &format!("/api/hoi/applications/{id}/progress"),
            json!({"status": "contacted", "note": "Đã gọi điện, hẹn gặp thứ Bảy"}),
        )
        .await;
    assert_eq!(contacted.status, StatusCode::OK, "{}", contacted.body);
    let admitted = commune
        .post(
            &format!("/api/hoi/applications/{id}/progress"),
            json!({"status": "admitted", "note": "Kết nạp tại chi hội 3"}),
        )
        .await;
    assert_eq!(admitted.body["status"], "admitted");
    assert_eq!(admitted.body["steps"].as_array().unwrap().len(), 3);
    let texts: Vec<String> = app
        .sms
        .sent
        .lock()
        .unwrap()
        .iter()
        .map(|(_, t)| t.clone())
        .collect();
    assert!(texts.iter().any(|t| t.contains("da ket nap")), "{texts:?}");

    // She registers later with the same phone: the application and the admission are hers.
    let mut her = app.member("0912 345 678", "Mai").await;
    assert_eq!(her.get("/api/me").await.body["hoi_member"], true);
    let mine = her.get("/api/hoi/applications/mine").await;
    assert_eq!(mine.body[0]["status"], "admitted");
    assert_eq!(mine.body[0]["unseen"], true);
    let notes: Vec<&str> = mine.body[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["note"].as_str().unwrap())
        .collect();
    assert!(
        notes.iter().all(|n| n.is_empty()),
        "internal notes leaked: {notes:?}"
    );
    her.post("/api/hoi/applications/mine/seen", json!({})).await;
    assert_eq!(
        her.get("/api/hoi/applications/mine").await.body[0]["unseen"],
        false
    );

    // Decisions are final.
    let again = commune
        .post(
            &format!("/api/hoi/applications/{id}/progress"),
            json!({"status": "declined", "reason": "Nhầm"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "application_closed");
}

#[tokio::test]
async fn bad_forms_are_refused_with_a_code_per_field() {
    let app = spawn_app().await;
    let mut visitor = app.client();
    let cases = [
        (json!({"consents": []}), "consent_application", "consent_required"),
        (json!({"birth_date": "2012-05-01"}), "birth_date", "too_young"),
        (json!({"birth_date": "1990-02-30"}), "birth_date", "invalid_date"),
        (json!({"commune_id": 987_654}), "commune_id", "unknown_unit"),
        (json!({"commune_id": HA_NOI_UNIT}), "commune_id", "unknown_unit"),
        (
            json!({"religion": "Phật giáo"}),
            "consent_sensitive",
            "sensitive_needs_consent",
        ),
        (
            json!({"ethnicity": "Không rõ", "consents": ["application", "sensitive"]}),
            "ethnicity",
            "unknown_choice",
        ),
        (json!({"education": ""}), "education", "required"),
    ];
    for (change, field, code) in cases {
        let reply = visitor
            .post("/api/hoi/applications", with(form("0912345678"), change.clone()))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{change}: {}",
            reply.body
        );
        assert_eq!(reply.field(field), code, "{change}: {}", reply.body);
    }
    let stale = visitor
        .post(
            "/api/hoi/applications",
            with(form("0912345678"), json!({"consent_version": "2023-07"})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.code(), "consent_outdated");
    // A branch of another commune is not hers to choose.
    let long_bien_branch = units::create_branch(&app.state.db, 100_148, "Chi hội Thạch Bàn 1")
        .await
        .unwrap();
    let reply = visitor
        .post(
            "/api/hoi/applications",
            with(form("0912345678"), json!({"branch_id": long_bien_branch})),
        )
        .await;
    assert_eq!(reply.field("branch_id"), "unknown_unit");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM hoi_applications")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "a refused form stored nothing");
}

#[tokio::test]
async fn a_second_open_application_from_one_phone_is_refused_until_the_first_is_decided() {
    let app = spawn_app().await;
    let mut visitor = app.client();
    let first = submit(&app, &mut visitor, form("0912345678")).await;
    // Signed out, a second one gets the same receipt as a first would: whoever typed her number
    // learns nothing, and the first application stands unchanged.
    let mut stranger = app.client();
    let second = stranger
        .post(
            "/api/hoi/applications",
            with(form("+84912345678"), json!({"full_name": "Mai Nguyễn"})),
        )
        .await;
    let fresh = stranger.post("/api/hoi/applications", form("0912345699")).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    assert_eq!(
        second.body, fresh.body,
        "the same answer as a number that never applied"
    );
    let names: Vec<String> = sqlx::query_scalar("SELECT full_name FROM hoi_applications WHERE phone = $1")
        .bind("+84912345678")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(names, ["Nguyễn Thị Mai"]);

    // Signed in with that number (verified by its code), she is told it is open: it is hers.
    let mut her = app.member("0912345678", "Mai").await;
    let again = her.post("/api/hoi/applications", form("0912345678")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.code(), "application_open");

    let mut commune = cadre(&app, GIA_LAM_UNIT, "0912000010", "Chủ tịch Hội xã").await;
    let declined = commune
        .post(
            &format!("/api/hoi/applications/{first}/progress"),
            json!({"status": "declined", "reason": ""}),
        )
        .await;
    assert_eq!(declined.field("reason"), "required");
    let declined = commune
        .post(
            &format!("/api/hoi/applications/{first}/progress"),
            json!({"status": "declined", "reason": "Chị chưa đủ điều kiện cư trú"}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    submit(&app, &mut visitor, form("0912345678")).await;
}

/// The hostile walk's finding: an application sent signed out with her phone, then an account
/// registered with that phone by a stranger, read, edited and deleted it. Registering now needs
/// the code texted to the phone, and a signed-in account files only with its own number.
#[tokio::test]
async fn a_stranger_cannot_take_over_her_application_by_registering_her_number() {
    let app = spawn_app().await;
    let mut visitor = app.client();
    let id = submit(&app, &mut visitor, form("0912345678")).await;

    let mut stranger = app.client();
    let sent = stranger
        .post("/api/auth/otp", json!({"phone": "0912345678"}))
        .await;
    assert_eq!(
        sent.status,
        StatusCode::ACCEPTED,
        "the code goes to her phone, not to him"
    );
    for guess in ["000000", "123456", "999999"] {
        let register = stranger
            .post(
                "/api/auth/register",
                json!({"phone": "0912345678", "display_name": "Kẻ lạ", "password": "mật khẩu dài 2025", "code": guess}),
            )
            .await;
        assert_eq!(register.field("code"), "invalid_code", "{}", register.body);
    }
    assert_eq!(
        stranger.get("/api/hoi/applications/mine").await.status,
        StatusCode::UNAUTHORIZED
    );

    // With an account of his own, her application is not his to read, change or delete...
    let mut his = app.member("0987654321", "Kẻ lạ").await;
    assert_eq!(his.get("/api/hoi/applications/mine").await.body, json!([]));
    let read = his.get(&format!("/api/hoi/applications/{id}")).await.status;
    assert!(
        read == StatusCode::FORBIDDEN || read == StatusCode::NOT_FOUND,
        "{read}"
    );
    let edit = his
        .put(&format!("/api/hoi/applications/{id}"), form("0912345678"))
        .await;
    assert!(
        edit.status == StatusCode::FORBIDDEN || edit.status == StatusCode::NOT_FOUND,
        "{}",
        edit.status
    );
    assert!(!his
        .delete(&format!("/api/hoi/applications/{id}"))
        .await
        .status
        .is_success());
    // ...nor can he file one with her number.
    let filed = his.post("/api/hoi/applications", form("0912345678")).await;
    assert_eq!(filed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(filed.field("phone"), "phone_not_yours");

    // She registers with the code that reached her phone: it is hers, and she may withdraw it.
    let mut her = app.member("0912345678", "Mai").await;
    let mine = her.get("/api/hoi/applications/mine").await;
    assert_eq!(mine.body[0]["id"], id);
    let withdrawn = her.delete(&format!("/api/hoi/applications/{id}")).await;
    assert!(withdrawn.status.is_success(), "{}", withdrawn.status);
}

#[tokio::test]
async fn only_cadres_of_the_units_it_went_through_see_an_application() {
    let app = spawn_app().await;
    let branch = units::create_branch(&app.state.db, GIA_LAM_UNIT, "Chi hội Gia Lâm 3")
        .await
        .unwrap();
    let mut visitor = app.client();
    let id = submit(
        &app,
        &mut visitor,
        with(form("0912345678"), json!({"branch_id": branch})),
    )
    .await;

    let mut branch_admin = cadre(&app, branch, "0912000011", "Chi hội trưởng").await;
    let mut city = cadre(&app, HA_NOI_UNIT, "0912000012", "Hội LHPN Hà Nội").await;
    let da_nang = units::parent(&app.state.db, CAM_LE_UNIT).await.unwrap().unwrap();
    let mut other_province = cadre(&app, da_nang, "0912000013", "Hội LHPN Đà Nẵng").await;
    let mut other_commune = cadre(&app, CAM_LE_UNIT, "0912000014", "Hội LHPN Cẩm Lệ").await;
    let mut member = app.member("0987111222", "Thành viên").await;

    for client in [&mut branch_admin, &mut city] {
        let detail = client.get(&format!("/api/hoi/applications/{id}")).await;
        assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
        assert_eq!(detail.body["branch"]["id"], branch);
    }
    for client in [&mut other_province, &mut other_commune] {
        let detail = client.get(&format!("/api/hoi/applications/{id}")).await;
        assert_eq!(detail.status, StatusCode::FORBIDDEN);
        let moved = client
            .post(
                &format!("/api/hoi/applications/{id}/progress"),
                json!({"status": "contacted"}),
            )
            .await;
        assert_eq!(moved.status, StatusCode::FORBIDDEN);
        let list = client.get("/api/hoi/applications").await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
    }
    assert_eq!(
        member.get("/api/hoi/applications").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        member.get(&format!("/api/hoi/applications/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        visitor.get("/api/hoi/applications").await.status,
        StatusCode::UNAUTHORIZED
    );

    let counts = city.get("/api/hoi/applications/counts").await;
    assert_eq!(counts.body[0]["unit"]["id"], branch);
    assert_eq!(counts.body[0]["new"], 1);
    let status: String = sqlx::query_scalar("SELECT status FROM hoi_applications WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "new", "forbidden moves changed nothing");
}

#[tokio::test]
async fn withdrawing_the_sensitive_consent_erases_ethnicity_and_religion_at_once() {
    let app = spawn_app().await;
    let mut her = app.member("0912345678", "Mai").await;
    let id = submit(
        &app,
        &mut her,
        with(
            form("0912345678"),
            json!({"ethnicity": "Tày", "religion": "Phật giáo", "consents": ["application", "sensitive", "news"]}),
        ),
    )
    .await;
    assert_eq!(
        sensitive_fields(&app, id).await,
        (Some("Tày".into()), Some("Phật giáo".into()))
    );

    let reply = her
        .delete(&format!("/api/hoi/applications/{id}/consents/sensitive"))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    assert_eq!(sensitive_fields(&app, id).await, (None, None));
    let mine = her.get("/api/hoi/applications/mine").await;
    let consents = mine.body[0]["consents"].as_array().unwrap();
    let sensitive = consents.iter().find(|c| c["purpose"] == "sensitive").unwrap();
    assert!(sensitive["withdrawn_at"].is_string(), "{sensitive}");
    let news = consents.iter().find(|c| c["purpose"] == "news").unwrap();
    assert!(news["withdrawn_at"].is_null(), "other consents stay: {news}");

    // Someone else cannot withdraw her consents or see her application.
    let mut other = app.member("0987111222", "Khác").await;
    let reply = other
        .delete(&format!("/api/hoi/applications/{id}/consents/news"))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn she_corrects_her_application_and_it_follows_her_new_commune() {
    let app = spawn_app().await;
    let mut her = app.member("0912345678", "Mai").await;
    let id = submit(&app, &mut her, form("0912345678")).await;
    let corrected = her
        .put(
            &format!("/api/hoi/applications/{id}"),
            with(
                form("0912345678"),
                json!({"commune_id": CAM_LE_UNIT, "occupation": "Giáo viên"}),
            ),
        )
        .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    assert_eq!(corrected.body["commune"]["id"], CAM_LE_UNIT);
    assert_eq!(corrected.body["occupation"], "Giáo viên");
    let mut gia_lam = cadre(&app, GIA_LAM_UNIT, "0912000010", "Hội xã Gia Lâm").await;
    assert_eq!(
        gia_lam.get(&format!("/api/hoi/applications/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut cam_le = cadre(&app, CAM_LE_UNIT, "0912000014", "Hội phường Cẩm Lệ").await;
    let declined = cam_le
        .post(
            &format!("/api/hoi/applications/{id}/progress"),
            json!({"status": "declined", "reason": "Chị đã là hội viên ở nơi khác"}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK);
    let late = her
        .put(&format!("/api/hoi/applications/{id}"), form("0912345678"))
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.code(), "application_closed");
    assert_eq!(
        her.get("/api/hoi/applications/mine").await.body[0]["decline_reason"],
        "Chị đã là hội viên ở nơi khác"
    );
}

#[tokio::test]
async fn every_look_and_export_is_logged_and_she_sees_who_looked() {
    let app = spawn_app().await;
    let mut her = app.member("0912345678", "Mai").await;
    let id = submit(&app, &mut her, form("0912345678")).await;
    let mut commune = cadre(&app, GIA_LAM_UNIT, "0912000010", "Chủ tịch Hội xã").await;
    commune.get(&format!("/api/hoi/applications/{id}")).await;
    let (status, bytes) = commune.get_bytes("/api/hoi/applications/export.xlsx").await;
    assert_eq!(status, StatusCode::OK);

    let data = her.get("/api/me/data").await;
    let accesses = data.body["accesses"].as_array().unwrap();
    let actions: Vec<(&str, &str)> = accesses
        .iter()
        .map(|a| (a["by"].as_str().unwrap(), a["action"].as_str().unwrap()))
        .collect();
    assert!(actions.contains(&("Chủ tịch Hội xã", "view")), "{actions:?}");
    assert!(actions.contains(&("Chủ tịch Hội xã", "export")), "{actions:?}");

    // The workbook opens and lists her (and never her sensitive data).
    let strings = crate::helpers::workbook_text(bytes);
    assert!(strings.contains("Nguyễn Thị Mai"));
    assert!(strings.contains("0912 345 678"));
    assert!(strings.contains("Trạng thái"));
    assert!(!strings.contains("Dân tộc"));
}

#[tokio::test]
async fn her_data_downloads_and_deleting_her_account_leaves_only_a_count() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut her, _) = joined_member(&app, &mut admin, group, "0912345678", "Mai").await;
    submit(
        &app,
        &mut her,
        with(form("0912345678"), json!({"source_group_id": group})),
    )
    .await;
    // Her writing in the group: a post of her own, a comment on the admin's post (with a reply
    // from the admin under it) and a reaction.
    write_post(&mut her, group, "Chia sẻ cách muối dưa", "family_children").await;
    let admins_post = write_post(&mut admin, group, "Lịch sinh hoạt tháng 12", "hoi_news").await;
    let post_id = admins_post["id"].as_i64().unwrap();
    her.put(&format!("/api/posts/{post_id}/reaction"), json!({"kind": "love"}))
        .await;
    let comments = her
        .post(
            &format!("/api/posts/{post_id}/comments"),
            json!({"body": "Em sẽ đến"}),
        )
        .await;
    let her_comment = comments.body.as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    let reply = admin
        .post(
            &format!("/api/posts/{post_id}/comments"),
            json!({"body": "Hẹn gặp em", "parent_id": her_comment}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let download = her.get("/api/me/data?download=1").await;
    assert!(download.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("du-lieu-cua-toi.json"));
    assert_eq!(
        download.body["applications"][0]["source_group"]["name"],
        "Phụ nữ Gia Lâm"
    );
    assert_eq!(download.body["account"]["display_name"], "Mai");

    let wrong = delete_account(&mut her, "sai mật khẩu").await;
    assert_eq!(wrong.field("password"), "wrong_credentials");
    let deleted = delete_account(&mut her, "hoa sen tím 1975").await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    assert_eq!(her.get("/api/me").await.status, StatusCode::UNAUTHORIZED);
    let login = app
        .client()
        .post(
            "/api/auth/login",
            json!({"phone": "0912345678", "password": "hoa sen tím 1975"}),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    let left: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM hoi_applications), (SELECT COUNT(*) FROM users WHERE phone LIKE '%912345678' OR display_name = 'Mai')",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(left, (0, 0), "nothing of hers is left");
    let counted: Vec<(String, i64)> = sqlx::query_as("SELECT kind, count FROM erasure_counts ORDER BY kind")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        counted,
        [("account".to_owned(), 1), ("application".to_owned(), 1)]
    );
    // Her reaction and comment are gone from the admin's post; the admin's reply stays.
    let post = admin.get(&format!("/api/posts/{post_id}")).await;
    assert_eq!(post.body["comment_count"], 1, "{}", post.body);
    assert_eq!(post.body["reactions"], json!([]), "{}", post.body);
    let feed = admin.get(&format!("/api/groups/{group}/posts")).await;
    let bodies: Vec<&str> = feed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Lịch sinh hoạt tháng 12"]);
    // The number is free again.
    app.member("0912345678", "Mai mới").await;
}

#[tokio::test]
async fn decided_applications_are_erased_after_the_promised_retention() {
    let app = spawn_app().await;
    let mut visitor = app.client();
    let old = submit(&app, &mut visitor, form("0912345678")).await;
    let open = submit(&app, &mut visitor, form("0912345679")).await;
    let thirteen_months_ago = hoi_server::db::now() - 13 * 30 * 86_400;
    sqlx::query("UPDATE hoi_applications SET status = 'declined', decided_at = $1 WHERE id = $2")
        .bind(thirteen_months_ago)
        .bind(old)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let erased = privacy::purge_expired(&app.state.db, hoi_server::db::now())
        .await
        .unwrap();
    assert_eq!(erased, 1);
    let left: Vec<i64> = sqlx::query_scalar("SELECT id FROM hoi_applications")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(left, [open]);
}
