//! Shrinks a photo in the browser before it is sent: a 12-megapixel phone photo of 4 MB becomes
//! a JPEG of ~250 KB, which matters on a prepaid data plan. The server checks and re-encodes it
//! anyway; this only saves her data and time.

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
