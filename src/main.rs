//! Entry point: mounts the app. Everything lives in the library so browser tests can mount it too.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(chi_hoi_so::App);
}
