//! The warning page every link in a post passes through: it names the site and warns about the
//! scams that travel as links, then lets her go on.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_texts;

#[component]
pub fn LeavePage() -> impl IntoView {
    let t = use_texts();
    let target = use_query_map()
        .with_untracked(|q| q.get("to"))
        .unwrap_or_default();
    // Only web links: never `javascript:` or `data:`.
    let target = (target.starts_with("https://") || target.starts_with("http://")).then_some(target);
    let domain = target.as_deref().map(|url| {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or(rest)
            .to_ascii_lowercase();
        host.trim_start_matches("www.").to_owned()
    });
    view! {
        <section class="card leave">
            <h1>{t.leave_title}</h1>
            <p class="domain-big">{domain.clone().unwrap_or_default()}</p>
            <p>{t.leave_lead}</p>
            {target.map(|url| view! {
                <a class="button primary" href=url rel="noopener noreferrer nofollow">
                    {t.leave_continue} " " {domain.unwrap_or_default()}
                </a>
            })}
            <button type="button" class="button" on:click=move |_| { let _ = window().history().map(|h| h.back()); }>
                {t.go_back}
            </button>
        </section>
    }
}
