//! The frame around every page: a top bar with the group switcher, a bottom tab bar. index.html
//! paints the same frame (same elements, same classes) before the wasm arrives, so mounting the
//! app moves nothing on the screen.

use hoi_api::{groups::GroupSummary, Page};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

use crate::{api, connection, i18n::use_texts, session::use_session};

/// `routing`: a page (and its chunk) is loading, shown as a bar under the top bar.
#[component]
pub fn Shell(routing: ReadSignal<bool>, children: Children) -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="topbar" class:routing=move || routing.get()>
            <A href="/" attr:class="brand">{t.app_name}</A>
            <GroupSwitcher />
        </header>
        {move || (!connection::online()).then(|| view! {
            <p class="offline-banner" role="status">{t.offline_banner}</p>
        })}
        <main class="page">{children()}</main>
        <nav class="tabbar" aria-label="Chính">
            <Tab href="/" icon="M3 11l9-7 9 7v9h-6v-6H9v6H3z" label=t.tab_feed />
            <Tab href="/contests" icon="M7 4h10v4a5 5 0 0 1-10 0zM12 13v4M8 20h8" label=t.tab_contests />
            <Tab href="/surveys" icon="M6 3h12v18H6zM9 8h6M9 12h6M9 16h3" label=t.tab_surveys />
            <Tab href="/join-hoi" icon="M12 21s-8-5-8-11a4.5 4.5 0 0 1 8-3 4.5 4.5 0 0 1 8 3c0 6-8 11-8 11z" label=t.tab_join_hoi />
            <Tab href="/me" icon="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" label=t.tab_me />
        </nav>
    }
}

#[component]
fn Tab(href: &'static str, icon: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <A href=href attr:class="tab" exact=true>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d=icon /></svg>
            <span>{label}</span>
        </A>
    }
}

/// Her groups in a select: switching jumps to the group's page.
#[component]
fn GroupSwitcher() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let groups = api::fetched::<Page<GroupSummary>>(move || {
        session.groups_version.track();
        session
            .me
            .with(Option::is_some)
            .then(|| "/api/groups?mine=true&limit=50".to_owned())
    });
    let navigate = use_navigate();
    view! {
        {move || {
            let groups = groups.get().and_then(Result::ok).map(|page| page.items).unwrap_or_default();
            (!groups.is_empty()).then(|| {
                let navigate = navigate.clone();
                view! {
                    <select
                        class="group-switcher"
                        aria-label=t.switch_group
                        on:change:target=move |ev| {
                            let id = ev.target().value();
                            if !id.is_empty() {
                                navigate(&format!("/groups/{id}"), Default::default());
                            }
                        }
                    >
                        <option value="">{t.switch_group}</option>
                        {groups
                            .into_iter()
                            .map(|g| view! { <option value=g.id.to_string()>{g.name}</option> })
                            .collect_view()}
                    </select>
                }
            })
        }}
    }
}
