//! The first tab: a welcome for visitors, her groups for members (the feed arrives with its issue).

use hoi_api::{groups::GroupSummary, Page};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api, components::form::FailureMessage, i18n::use_texts, pages::groups::GroupCard, session::use_session,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    view! {
        <section class="hero">
            <h1>{t.app_name}</h1>
            <p class="lead">{t.tagline}</p>
        </section>
        {move || match (session.known.get(), session.me.with(Option::is_some)) {
            (false, _) => view! { <p class="muted">{t.loading}</p> }.into_any(),
            (true, false) => view! {
                <section class="card">
                    <p>{t.welcome_lead}</p>
                    <div class="actions">
                        <A href="/register" attr:class="button primary">{t.register}</A>
                        <A href="/login" attr:class="button">{t.login}</A>
                    </div>
                    <A href="/groups" attr:class="button ghost">{t.find_group}</A>
                </section>
            }.into_any(),
            (true, true) => view! { <MyGroups /> }.into_any(),
        }}
    }
}

#[component]
fn MyGroups() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let groups = api::fetched::<Page<GroupSummary>>(move || {
        session.groups_version.track();
        Some("/api/groups?mine=true&limit=50".to_owned())
    });
    view! {
        <h2>{t.my_groups}</h2>
        {move || match groups.get() {
            None => view! { <p class="muted">{t.loading}</p> }.into_any(),
            Some(Ok(page)) if page.items.is_empty() => view! { <p class="empty">{t.no_groups_yet}</p> }.into_any(),
            Some(Ok(page)) => view! {
                <ul class="group-list">
                    {page.items.into_iter().map(|g| view! { <li><GroupCard group=g /></li> }).collect_view()}
                </ul>
            }.into_any(),
            Some(Err(failure)) => view! { <FailureMessage failure /> }.into_any(),
        }}
        <A href="/groups" attr:class="button">{t.find_group}</A>
    }
}
