//! Component tests in headless Chromium (wasm-bindgen-test): the pieces of the app behave as a
//! person would see them, without a server.

use chi_hoi_so::{
    i18n::{error_text, texts, Lang},
    pages::account::RegisterPage,
    prefs, time,
};
use chrono::{TimeZone, Utc};
use hoi_api::ErrorCode;
use leptos::{mount::mount_to, prelude::*, task::tick};
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn input(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlInputElement {
    root.query_selector(selector)
        .unwrap()
        .expect(selector)
        .unchecked_into()
}

fn type_into(field: &web_sys::HtmlInputElement, text: &str) {
    field.set_value(text);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn recent_times_read_as_ago_and_older_ones_as_vietnamese_dates() {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let vi = texts(Lang::Vi);
    assert_eq!(
        time::relative(now - chrono::Duration::seconds(20), now, vi),
        "vừa xong"
    );
    assert_eq!(
        time::relative(now - chrono::Duration::minutes(5), now, vi),
        "5 phút trước"
    );
    assert_eq!(
        time::relative(now - chrono::Duration::hours(2), now, vi),
        "2 giờ trước"
    );
    assert_eq!(
        time::relative(now - chrono::Duration::days(3), now, vi),
        "3 ngày trước"
    );
    // 20:30 UTC on 1 May is already 2 May in Vietnam.
    let late = Utc.with_ymd_and_hms(2026, 5, 1, 20, 30, 0).unwrap();
    assert_eq!(time::relative(late, now, vi), "02/05/2026");
}

#[wasm_bindgen_test]
fn errors_read_in_the_chosen_language_with_the_minutes_to_wait() {
    assert_eq!(
        error_text(Lang::Vi, ErrorCode::PasswordTooShort, None),
        "Mật khẩu cần ít nhất 8 ký tự."
    );
    assert!(error_text(Lang::Vi, ErrorCode::RateLimited, Some(12)).contains("thử lại sau 12 phút"));
    assert!(error_text(Lang::En, ErrorCode::RateLimited, Some(12)).contains("12 minutes"));
}

#[wasm_bindgen_test]
async fn the_register_form_marks_bad_fields_in_vietnamese_before_sending() {
    prefs::forget("draft.register.phone");
    prefs::forget("draft.register.name");
    let root = container();
    let _mounted = mount_to(root.clone(), || view! { <Router><RegisterPage /></Router> });
    tick().await;
    type_into(&input(&root, "#phone"), "024 3825 1234");
    type_into(&input(&root, "#password"), "ngắn");
    let button: web_sys::HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    tick().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Số điện thoại không hợp lệ"), "{text}");
    assert!(
        text.contains("Vui lòng điền ô này."),
        "the empty name is marked: {text}"
    );
    assert!(text.contains("Mật khẩu cần ít nhất 8 ký tự."), "{text}");
    assert_eq!(
        input(&root, "#phone").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn what_she_types_in_the_register_form_survives_a_reload() {
    prefs::forget("draft.register.name");
    let root = container();
    let mounted = mount_to(root.clone(), || view! { <Router><RegisterPage /></Router> });
    tick().await;
    type_into(&input(&root, "#display_name"), "Trần Thị Nhớ");
    tick().await;
    drop(mounted);
    root.remove();

    // A new mount reads the draft back, as the page does after a reload.
    let again = container();
    let _mounted = mount_to(again.clone(), || view! { <Router><RegisterPage /></Router> });
    tick().await;
    assert_eq!(input(&again, "#display_name").value(), "Trần Thị Nhớ");
    again.remove();
    prefs::forget("draft.register.name");
}

#[wasm_bindgen_test]
fn large_text_is_a_class_on_the_page_and_is_remembered() {
    prefs::set_large_text(true);
    let html = document().document_element().unwrap();
    assert!(html.class_list().contains("large-text"));
    assert!(prefs::large_text());
    prefs::set_large_text(false);
    assert!(!html.class_list().contains("large-text"));
    assert!(!prefs::large_text());
}
