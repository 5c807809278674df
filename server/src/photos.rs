//! Photo uploads: the real type is sniffed from the bytes, size and pixel count are bounded
//! before decoding (no decompression bombs), and every photo is decoded and re-encoded, which
//! drops EXIF (GPS included). The app already shrinks photos in the browser; this is the guard.

use std::io::Cursor;

use hoi_api::ErrorCode;
use image::{codecs::jpeg::JpegEncoder, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Larger uploads are refused before they are read to the end.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// 40 megapixels: more than any phone camera, far less than a bomb.
const MAX_PIXELS: u64 = 40_000_000;
/// The long side of the display size (a phone screen at 2-3x) and of the feed thumbnail.
const DISPLAY_SIDE: u32 = 1280;
const THUMB_SIDE: u32 = 640;
const JPEG_QUALITY: u8 = 80;

/// A photo uploaded for a post or an entry that never came is swept this long after.
pub const UNATTACHED_KEPT_SECS: i64 = 86_400;

/// Deletes the photos and covers uploaded more than a day before `now` that nothing uses (the
/// post was never sent, or was deleted; the group never created): the record first, so a photo
/// attached meanwhile stays, then its files.
/// Answers how many went.
pub async fn sweep_unattached(
    db: &crate::db::Db,
    media: &dyn crate::media::MediaStore,
    now: i64,
) -> anyhow::Result<usize> {
    let mut swept = 0;
    let before = now - UNATTACHED_KEPT_SECS;
    for (id, key) in crate::db::photos::unattached_before(db, before).await? {
        if crate::db::photos::delete_if_unattached(db, id).await? {
            media.remove(&format!("{key}.jpg")).await?;
            media.remove(&format!("{key}-thumb.jpg")).await?;
            swept += 1;
        }
    }
    // Covers chosen for a group or a quiz never created, or replaced since.
    for (id, key) in crate::db::covers::unused_before(db, before).await? {
        if crate::db::covers::delete_if_unused(db, id).await? {
            media.remove(&format!("{key}.jpg")).await?;
            media.remove(&format!("{key}-thumb.jpg")).await?;
            swept += 1;
        }
    }
    Ok(swept)
}

pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub display: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// Checks and re-encodes an upload as JPEG in two sizes. CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Processed, ErrorCode> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ErrorCode::PhotoTooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| ErrorCode::NotAnImage)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(ErrorCode::NotAnImage);
    }
    let reader = || {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        let mut limits = Limits::default();
        limits.max_alloc = Some(512 * 1024 * 1024);
        reader.limits(limits);
        reader
    };
    let (width, height) = reader().into_dimensions().map_err(|_| ErrorCode::NotAnImage)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ErrorCode::PhotoTooManyPixels);
    }
    let mut decoder = reader().into_decoder().map_err(|_| ErrorCode::NotAnImage)?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| ErrorCode::NotAnImage)?;
    if let Some(orientation) = orientation {
        // Phones store portrait photos sideways with an EXIF note; the note is about to go.
        image.apply_orientation(orientation);
    }
    let display = shrink(&image, DISPLAY_SIDE);
    let thumb = shrink(&display, THUMB_SIDE);
    Ok(Processed {
        width: display.width(),
        height: display.height(),
        display: encode(&display)?,
        thumb: encode(&thumb)?,
    })
}

fn shrink(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width() <= side && image.height() <= side {
        image.clone()
    } else {
        image.resize(side, side, image::imageops::FilterType::Triangle)
    }
}

fn encode(image: &DynamicImage) -> Result<Vec<u8>, ErrorCode> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image.to_rgb8())
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        .map_err(|_| ErrorCode::NotAnImage)?;
    Ok(out)
}
