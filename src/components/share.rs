//! Sharing a link: the phone's share sheet (Zalo and Facebook appear there) when the browser has
//! the Web Share API, else a copy to the clipboard.

use wasm_bindgen::{JsCast, JsValue};

/// Shares or copies `url`; answers whether it was copied (so the page can say "link copied").
pub fn share_or_copy(title: &str, url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator: JsValue = window.navigator().into();
    let call = |target: &JsValue, name: &str, arg: &JsValue| -> bool {
        js_sys::Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .is_some_and(|f| f.call1(target, arg).is_ok())
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    if call(&navigator, "share", &data) {
        return false;
    }
    js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|clipboard| !clipboard.is_undefined())
        .is_some_and(|clipboard| call(&clipboard, "writeText", &url.into()))
}
