//! The first tab: a welcome for visitors; for members, her groups and the feed of all of them.

use hoi_api::{
    groups::{GroupSummary, MembershipStatus},
    moderation::NotificationView,
    Page,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api,
    app::admin_pages,
    components::form::waiting,
    i18n::use_texts,
    lazy::{lazy_page, LazyPart},
    pages::feed::{FeedList, FeedScope},
    session::use_session,
    time,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    view! {
        {move || match (session.known.get(), session.me.with(Option::is_some)) {
            (false, _) => waiting(None),
            (true, false) => view! {
                <section class="hero">
                    <h1>{t.app_name}</h1>
                    <p class="lead">{t.tagline}</p>
                </section>
                <section class="card">
                    <p>{t.welcome_lead}</p>
                    <div class="actions">
                        <A href="/register" attr:class="button primary">{t.register}</A>
                        <A href="/login" attr:class="button">{t.login}</A>
                    </div>
                    <A href="/groups" attr:class="button ghost">{t.find_group}</A>
                </section>
            }.into_any(),
            (true, true) => view! {
                // Board members and cadres start with what waits for them (from the admin pack).
                {session.me.with(|me| me.as_ref().is_some_and(|me| me.on_duty)).then(|| view! {
                    <LazyPart part=lazy_page!(admin_pages, TodoCard) />
                })}
                <MyGroups />
            }.into_any(),
        }}
    }
}

/// Her groups as a row of links, what happened to her posts, and the feed of all her groups.
#[component]
fn MyGroups() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let groups = api::fetched::<Page<GroupSummary>>(move || {
        session.groups_version.track();
        Some("/api/groups?mine=true&limit=50".to_owned())
    });
    view! {
        <Notifications />
        <h2>{t.my_groups}</h2>
        <nav class="chip-row my-groups" aria-label=t.my_groups>
            {move || match groups.get() {
                None => view! { <span class="muted">{t.loading}</span> }.into_any(),
                Some(Ok(page)) if page.items.is_empty() => view! { <p class="empty">{t.no_groups_yet}</p> }.into_any(),
                Some(Ok(page)) => page.items.into_iter().map(|g| {
                    let pending = g.me.as_ref().is_some_and(|m| m.status != MembershipStatus::Active);
                    view! {
                        <A href=format!("/groups/{}", g.id) attr:class="chip">
                            {g.name} {pending.then(|| format!(" · {}", t.status_pending))}
                        </A>
                    }
                }).collect_view().into_any(),
                Some(Err(failure)) => waiting(Some(failure)),
            }}
            <A href="/groups" attr:class="chip">"+ " {t.find_group}</A>
        </nav>
        <FeedList scope=FeedScope::Mine />
    }
}

/// Unread news about her own posts (approved, not approved, answered…), marked read once shown.
#[component]
fn Notifications() -> impl IntoView {
    let t = use_texts();
    let list = api::fetched::<Vec<NotificationView>>(|| Some("/api/notifications".to_owned()));
    move || {
        let unread: Vec<_> = list
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| !n.read)
            .collect();
        if !unread.is_empty() {
            spawn_local(async {
                let _ = api::post::<_, ()>("/api/notifications/read", &()).await;
            });
        }
        (!unread.is_empty()).then(|| view! {
            <section class="card notifications" aria-label=t.notifications_title>
                <h2>{t.notifications_title}</h2>
                <ul>
                    {unread.into_iter().map(|n| view! {
                        <li><A href=format!("/posts/{}", n.post_id)>{t.notification(n.kind)}</A>
                        <span class="muted">" · " {time::relative(n.created_at, time::now(), t)}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
