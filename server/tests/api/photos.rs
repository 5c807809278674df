//! Photo uploads: only real images, bounded in bytes and pixels, re-encoded without EXIF.

use std::io::Cursor;

use axum::http::StatusCode;
use image::{codecs::jpeg::JpegEncoder, DynamicImage, RgbImage};
use serde_json::json;

use crate::helpers::{create_group, joined_member, spawn_app};

const GPS_NOTE: &[u8] = b"GPSLatitude 21.0285 N GPSLongitude 105.8542 E";

/// A small JPEG photo with an EXIF block that names where it was taken, as phones write them.
fn jpeg_with_gps() -> Vec<u8> {
    let image = RgbImage::from_fn(800, 600, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_with_encoder(JpegEncoder::new_with_quality(Cursor::new(&mut plain), 90))
        .unwrap();
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    exif.extend_from_slice(GPS_NOTE);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The start of a 10,000 × 6,000 PNG (60 megapixels): what a decompression bomb looks like to
/// the server, which must refuse it from the header, before inflating anything.
fn png_60_megapixels() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&10_000u32.to_be_bytes());
    ihdr.extend_from_slice(&6_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // An IDAT of zeros follows in a real file; the server must never get that far.
    png.extend_from_slice(&[0, 0, 0, 0, b'I', b'D', b'A', b'T', 0x35, 0xAF, 0x06, 0x1E]);
    png
}

#[tokio::test]
async fn a_published_photo_keeps_no_exif_and_is_resized() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let original = jpeg_with_gps();
    assert!(contains(&original, GPS_NOTE));
    let uploaded = admin
        .post_bytes(&format!("/api/groups/{group}/photos"), original, "image/jpeg")
        .await;
    assert_eq!(uploaded.status, StatusCode::CREATED, "{}", uploaded.body);
    assert_eq!(
        (uploaded.body["width"].as_i64(), uploaded.body["height"].as_i64()),
        (Some(800), Some(600))
    );
    let photo = uploaded.body["id"].as_i64().unwrap();
    let posted = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "hoi_news", "body": "Ảnh buổi sinh hoạt", "photo_ids": [photo]}),
        )
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
    assert_eq!(posted.body["status"], "published");

    // The stored bytes themselves, as they lie in the media folder.
    let stored = files_under(&app.state.config.media_dir);
    assert_eq!(stored.len(), 2, "a display size and a thumbnail");
    for file in &stored {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !contains(&bytes, b"Exif") && !contains(&bytes, GPS_NOTE),
            "{}",
            file.display()
        );
    }
    let mut stranger = app.client();
    for path in [
        format!("/api/photos/{photo}"),
        format!("/api/photos/{photo}/thumb"),
    ] {
        let (status, bytes) = stranger.get_bytes(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(&bytes[..2], &[0xFF, 0xD8], "{path} is a JPEG");
        assert!(!contains(&bytes, b"Exif"), "{path} has no EXIF block");
        assert!(!contains(&bytes, b"GPS"), "{path} has no GPS note");
    }
    let (_, thumb) = stranger.get_bytes(&format!("/api/photos/{photo}/thumb")).await;
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (640, 480));
}

#[tokio::test]
async fn text_renamed_as_jpeg_huge_pngs_and_huge_files_are_refused() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let path = format!("/api/groups/{group}/photos");

    let text = admin
        .post_bytes(
            &path,
            b"Danh sach hoi vien chi hoi 5\nNguyen Thi Lan\n".to_vec(),
            "image/jpeg",
        )
        .await;
    assert_eq!(
        (text.status, text.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_an_image")
    );

    let bomb = admin.post_bytes(&path, png_60_megapixels(), "image/png").await;
    assert_eq!(
        (bomb.status, bomb.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "photo_too_many_pixels")
    );

    let mut huge = jpeg_with_gps();
    huge.resize(20 * 1024 * 1024, 0);
    let large = admin.post_bytes(&path, huge, "image/jpeg").await;
    assert_eq!(
        (large.status, large.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "photo_too_large")
    );
    assert!(large.body["message"].as_str().unwrap().contains("10 MB"));
}

#[tokio::test]
async fn photos_of_waiting_posts_stay_with_their_author_and_the_board() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let (mut lan, _) = joined_member(&app, &mut admin, group, "0987000001", "Lan").await;
    let photo = lan
        .post_bytes(
            &format!("/api/groups/{group}/photos"),
            jpeg_with_gps(),
            "image/jpeg",
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let posted = lan
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "family_children", "body": "Con gái tôi", "photo_ids": [photo]}),
        )
        .await;
    assert_eq!(posted.body["status"], "pending");
    assert_eq!(
        lan.get_bytes(&format!("/api/photos/{photo}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        admin.get_bytes(&format!("/api/photos/{photo}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        app.client().get_bytes(&format!("/api/photos/{photo}")).await.0,
        StatusCode::NOT_FOUND
    );
    // Nobody else can attach her photo to their post.
    let stolen = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "hoi_news", "body": "x", "photo_ids": [photo]}),
        )
        .await;
    assert_eq!(stolen.field("photos"), "unknown_photo");
}

/// Photos uploaded for a post that was never sent are swept after a day, files and all; a photo
/// in a post, and one uploaded an hour ago (she is still writing), stay.
#[tokio::test]
async fn photos_uploaded_and_never_attached_are_swept_after_a_day() {
    let app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let upload = || {
        let mut admin = admin.clone();
        async move {
            let reply = admin
                .post_bytes(
                    &format!("/api/groups/{group}/photos"),
                    jpeg_with_gps(),
                    "image/jpeg",
                )
                .await;
            reply.body["id"].as_i64().unwrap()
        }
    };
    let (forgotten, posted, writing) = (upload().await, upload().await, upload().await);
    let reply = admin
        .post(
            &format!("/api/groups/{group}/posts"),
            json!({"kind": "post", "category": "hoi_news", "body": "Ảnh sinh hoạt", "photo_ids": [posted]}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let two_days_ago = hoi_server::db::now() - 2 * 86_400;
    sqlx::query("UPDATE photos SET created_at = $1 WHERE id IN ($2, $3)")
        .bind(two_days_ago)
        .bind(forgotten)
        .bind(posted)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(files_under(&app.state.config.media_dir).len(), 6);

    let swept =
        hoi_server::photos::sweep_unattached(&app.state.db, app.state.media.as_ref(), hoi_server::db::now())
            .await
            .unwrap();
    assert_eq!(swept, 1);
    let left: Vec<i64> = sqlx::query_scalar("SELECT id FROM photos ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(left, [posted, writing]);
    assert_eq!(
        files_under(&app.state.config.media_dir).len(),
        4,
        "its two files went with it"
    );
    let (status, _) = admin.get_bytes(&format!("/api/photos/{forgotten}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The media folder with only `room` bytes free: a write that does not fit fails as a full disk
/// does (`StorageFull`, which the kernel's ENOSPC becomes) and stores nothing.
struct DiskWithRoom {
    folder: hoi_server::media::LocalFolder,
    room: std::sync::atomic::AtomicUsize,
}

impl hoi_server::media::MediaStore for DiskWithRoom {
    fn put<'a>(
        &'a self,
        key: &'a str,
        bytes: Vec<u8>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send + 'a>> {
        use std::sync::atomic::Ordering;
        let fits = self
            .room
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |room| {
                room.checked_sub(bytes.len())
            })
            .is_ok();
        if fits {
            self.folder.put(key, bytes)
        } else {
            Box::pin(async { Err(std::io::ErrorKind::StorageFull.into()) })
        }
    }

    fn get<'a>(
        &'a self,
        key: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<Option<Vec<u8>>>> + Send + 'a>>
    {
        self.folder.get(key)
    }

    fn remove<'a>(
        &'a self,
        key: &'a str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send + 'a>> {
        self.folder.remove(key)
    }
}

/// A full media disk answers 507 `storage_full` (a member can only wait, it is not her mistake
/// and not a crash); the photo that did not fit leaves no file and no row behind, and the photos
/// stored before are still served.
#[tokio::test]
async fn a_full_media_disk_answers_507_and_loses_nothing_already_stored() {
    let mut app = spawn_app().await;
    let mut admin = app.member("0912000001", "Hương").await;
    let group = create_group(&mut admin, "Phụ nữ Gia Lâm").await;
    let upload = format!("/api/groups/{group}/photos");
    let first = admin.post_bytes(&upload, jpeg_with_gps(), "image/jpeg").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let first = first.body["id"].as_i64().unwrap();
    let sizes: Vec<usize> = files_under(&app.state.config.media_dir)
        .iter()
        .map(|file| std::fs::metadata(file).unwrap().len() as usize)
        .collect();
    // Room for the next photo's display size but not its thumbnail: the upload fails halfway.
    let room = *sizes.iter().max().unwrap() + 1;
    app.state.media = std::sync::Arc::new(DiskWithRoom {
        folder: hoi_server::media::LocalFolder::new(app.state.config.media_dir.clone()),
        room: room.into(),
    });
    app.router = hoi_server::app(app.state.clone());
    let mut admin = admin.on(&app);

    let refused = admin.post_bytes(&upload, jpeg_with_gps(), "image/jpeg").await;
    assert_eq!(
        refused.status,
        StatusCode::INSUFFICIENT_STORAGE,
        "{}",
        refused.body
    );
    assert_eq!(refused.body["code"], "storage_full");
    assert_eq!(
        files_under(&app.state.config.media_dir).len(),
        2,
        "only the first photo's files"
    );
    let photos: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM photos")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(photos, 1);
    for path in [
        format!("/api/photos/{first}"),
        format!("/api/photos/{first}/thumb"),
    ] {
        let (status, bytes) = admin.get_bytes(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(&bytes[..2], &[0xFF, 0xD8], "{path} is still a whole JPEG");
    }
}
