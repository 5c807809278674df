//! Covers of groups: uploaded before the group exists, named by it, public, kept only while
//! something names them.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, Client};

fn jpeg() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(800, 400, image::Rgb([166, 28, 82])))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

async fn cover(client: &mut Client) -> i64 {
    let reply = client.post_bytes("/api/covers", jpeg(), "image/jpeg").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_group_gets_the_cover_its_admin_uploaded_and_anyone_sees_it() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let mut other = app.member("0987000001", "Lan").await;
    let unit = crate::helpers::GIA_LAM_UNIT;
    let group = |cover: i64| {
        json!({"unit_id": unit, "name": "Phụ nữ Gia Lâm", "description": "", "rules": "", "questions": [],
               "privacy": "public", "cover_id": cover})
    };
    let mine = cover(&mut admin).await;
    let hers = cover(&mut other).await;

    // Someone else's upload is not hers to name.
    let refused = admin.post("/api/groups", group(hers)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.field("cover"), "unknown_photo");
    let created = admin.post("/api/groups", group(mine)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["cover_id"], mine);
    let id = created.body["summary"]["id"].as_i64().unwrap();

    // Public, like the group's page, and kept by the browser for good.
    let (status, bytes) = app.client().get_bytes(&format!("/api/covers/{mine}/thumb")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "a JPEG");

    // Saving the settings with the cover it has keeps it.
    let detail = admin.get(&format!("/api/groups/{id}")).await.body;
    let settings = json!({"name": "Phụ nữ Gia Lâm", "description": "Chào", "rules": "", "questions": [],
                          "privacy": "public", "joining_paused": false, "cover_id": mine});
    let kept = admin.put(&format!("/api/groups/{id}"), settings).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    assert_eq!(kept.body["cover_id"], detail["cover_id"]);

    // A day later the cover nothing names is swept; the group's stays.
    let swept = hoi_server::photos::sweep_unattached(
        &app.state.db,
        app.state.media.as_ref(),
        hoi_server::db::now() + 2 * 86_400,
    )
    .await
    .unwrap();
    assert_eq!(swept, 1);
    assert_eq!(
        app.client().get_bytes(&format!("/api/covers/{hers}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client().get_bytes(&format!("/api/covers/{mine}")).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_quiz_for_a_unit_gets_a_cover_that_belongs_to_no_group() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = crate::helpers::create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let mine = cover(&mut admin).await;
    let mut form = crate::helpers::quizzes::quiz_form(group, json!({}));
    form["cover_id"] = json!(mine);
    let created = admin.post("/api/quizzes", form).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["summary"]["cover_id"], mine);
}
