//! Shrinks a photo in the browser before it is sent: a 12-megapixel phone photo of 4 MB becomes
//! a JPEG of ~250 KB, which matters on a prepaid data plan. The server checks and re-encodes it
//! anyway; this only saves her data and time.

use hoi_api::feed::PhotoView;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

/// The long side after shrinking: sharp on a phone screen, light on the network.
const LONG_SIDE: f64 = 1600.0;
const JPEG_QUALITY: f64 = 0.82;

/// The photo as a JPEG of at most `LONG_SIDE` pixels, or the file itself when the browser cannot
/// decode it (the server then answers why it is refused).
pub async fn shrink(file: Blob) -> Blob {
    shrunk(&file).await.unwrap_or(file)
}

async fn shrunk(file: &Blob) -> Result<Blob, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    // createImageBitmap applies the EXIF orientation, so portrait photos stay upright.
    let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file)?)
        .await?
        .dyn_into()?;
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (LONG_SIDE / width.max(height)).min(1.0);
    let (width, height) = ((width * scale).round(), (height * scale).round());
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or(JsValue::NULL)?
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    let context: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, width, height)?;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
    });
    JsFuture::from(promise).await?.dyn_into()
}

/// The photos she has uploaded for a draft, kept on the phone under `key` like the draft's text,
/// so a reload does not make her upload them again.
pub fn drafted(key: String) -> RwSignal<Vec<PhotoView>> {
    let text = crate::prefs::draft(key);
    let photos = RwSignal::new(serde_json::from_str(&text.get_untracked()).unwrap_or_default());
    Effect::new(move |_| text.set(serde_json::to_string(&photos.get()).unwrap_or_default()));
    photos
}

/// Shrinks and uploads the files picked in a file input to `url`, up to `max` photos in all,
/// adding each to `photos` as it arrives; `uploading` counts those on their way. The input is
/// emptied, so the same file can be picked again after a failure.
/// The one photo picked in a file input (a cover), shrunk and uploaded to `url`; `done` gets
/// the answer. `false` when nothing was picked.
pub fn upload_one(
    event: &leptos::ev::Event,
    url: &str,
    done: impl FnOnce(Result<PhotoView, crate::api::Failure>) + 'static,
) -> bool {
    let Some(file) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
    else {
        return false;
    };
    let url = url.to_owned();
    leptos::task::spawn_local(async move {
        let shrunk = shrink(file.into()).await;
        done(crate::api::post_blob::<PhotoView>(&url, &shrunk).await);
    });
    true
}

pub fn upload_picked(
    event: &leptos::ev::Event,
    url: &str,
    max: usize,
    photos: RwSignal<Vec<PhotoView>>,
    uploading: RwSignal<usize>,
    failed: impl Fn(crate::api::Failure) + Copy + 'static,
) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(files) = input.files() else { return };
    let room = max.saturating_sub(photos.with_untracked(Vec::len));
    let chosen: Vec<web_sys::File> = (0..files.length())
        .filter_map(|i| files.get(i))
        .take(room)
        .collect();
    input.set_value("");
    for file in chosen {
        uploading.update(|n| *n += 1);
        let url = url.to_owned();
        leptos::task::spawn_local(async move {
            let shrunk = shrink(file.into()).await;
            match crate::api::post_blob::<PhotoView>(&url, &shrunk).await {
                Ok(view) => photos.update(|list| list.push(view)),
                Err(failure) => failed(failure),
            }
            uploading.update(|n| *n -= 1);
        });
    }
}
