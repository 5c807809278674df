//! Entry point: mounts the app. Everything lives in the library so browser tests can mount it too.

fn main() {
    console_error_panic_hook::set_once();
    // index.html's static shell goes in the same task as the app mounts: never painted apart.
    if let Some(body) = leptos::prelude::document().body() {
        body.set_text_content(None);
    }
    leptos::mount::mount_to_body(chi_hoi_so::App);
}
