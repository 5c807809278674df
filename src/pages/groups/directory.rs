//! Find a group by its name or its commune/ward, diacritics optional.

use hoi_api::{groups::GroupSummary, Page};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
};

use super::GroupCard;
use crate::{
    api,
    i18n::{group::use_group_texts, group_setup::use_group_setup_texts, use_texts},
};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = use_texts();
    let gt = use_group_texts();
    let query = use_query_map();
    let navigate = use_navigate();
    // The search lives in the URL, so the back button and a shared link keep it.
    let q = Memo::new(move |_| query.with(|m| m.get("q")).unwrap_or_default());
    let typed = RwSignal::new(q.get_untracked());
    let items = RwSignal::new(Vec::<GroupSummary>::new());
    let next = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let loading = RwSignal::new(false);

    let load = move |cursor: Option<String>| {
        let q = q.get_untracked();
        loading.set(true);
        spawn_local(async move {
            let mut path = format!("/api/groups?limit=20&q={}", js_sys::encode_uri_component(&q));
            if let Some(cursor) = &cursor {
                path.push_str(&format!("&cursor={cursor}"));
            }
            match api::get::<Page<GroupSummary>>(&path).await {
                Ok(page) => {
                    failed.set(false);
                    if cursor.is_some() {
                        items.update(|list| list.extend(page.items));
                    } else {
                        items.set(page.items);
                    }
                    next.set(page.next);
                }
                Err(_) => failed.set(true),
            }
            loading.set(false);
        });
    };
    Effect::new(move |_| {
        q.track();
        load(None);
    });

    view! {
        <h1>{gt.groups_title}</h1>
        <form class="search" role="search" on:submit=move |ev| {
            ev.prevent_default();
            let q = js_sys::encode_uri_component(typed.get_untracked().trim());
            navigate(&format!("/groups?q={q}"), Default::default());
        }>
            <input type="search" aria-label=gt.search_groups_hint placeholder=gt.search_groups_hint bind:value=typed />
            <button type="submit" class="button primary">{t.find_group}</button>
        </form>
        <A href="/groups/new" attr:class="button">"+ " {use_group_setup_texts().create}</A>
        <Show when=move || failed.get()>
            <p class="form-error">{t.network_error}
                <button type="button" class="button" on:click=move |_| load(None)>{t.retry}</button>
            </p>
        </Show>
        <ul class="group-list">
            <For each=move || items.get() key=|g| g.id let:group>
                <li><GroupCard group /></li>
            </For>
        </ul>
        <Show when=move || !loading.get() && !failed.get() && items.with(Vec::is_empty)>
            <p class="empty">{t.no_results}</p>
        </Show>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="button" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                {t.load_more}
            </button>
        </Show>
    }
}
