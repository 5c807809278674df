//! A post's or comment's plain text with its links made clickable. Every link shows its domain
//! and goes through the warning page (`/leave`), never straight out: scams travel as links.

use hoi_api::text::{links, Segment};
use leptos::prelude::*;

/// The paragraph for `text` (a plain function, not a component: it has no state of its own).
pub fn rich_text(text: &str) -> impl IntoView {
    let parts = links(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(plain) => plain.to_owned().into_any(),
            Segment::Link { text, href, domain } => {
                let target = format!("/leave?to={}", String::from(js_sys::encode_uri_component(&href)));
                view! {
                    <a href=target rel="nofollow">{text.to_owned()}</a>
                    <span class="domain">" (" {domain} ")"</span>
                }
                .into_any()
            }
        })
        .collect_view();
    view! { <p class="prose">{parts}</p> }
}
