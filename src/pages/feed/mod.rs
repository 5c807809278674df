//! The feed (a group's, or all her groups'), writing a post, a post's own page, the board's
//! queue, and the warning page external links pass through.

mod card;
mod compose;
mod leave;
mod post;
mod queue;
mod rules;

pub use card::PostCard;
pub use compose::ComposePage;
pub use leave::LeavePage;
pub use post::PostPage;
pub use queue::QueuePage;

use hoi_api::feed::{Category, Feed, PostView};
use leptos::{ev, prelude::*, task::spawn_local};

use crate::{api, components::form::FailureMessage, i18n::use_texts, live, session::use_session};

/// Whose posts a feed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    Group(i64),
    /// Every group she is an active member of.
    Mine,
}

/// Pixels from the bottom at which the next page is fetched, so scrolling never waits.
const PREFETCH_PX: f64 = 800.0;
/// How far she must pull down at the top of the page to refresh.
const PULL_PX: i32 = 90;

/// Newest first, with category chips, search (in a group), infinite scroll, pull to refresh and
/// a "N bài mới" pill when posts arrive while she reads.
#[component]
pub fn FeedList(scope: FeedScope) -> impl IntoView {
    let t = use_texts();
    let category = RwSignal::new(None::<Category>);
    let search = RwSignal::new(String::new());
    let top = RwSignal::new(Vec::<PostView>::new());
    let posts = RwSignal::new(Vec::<PostView>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let failure = RwSignal::new(None);
    let fresh = RwSignal::new(0u32);
    let generation = StoredValue::new(0u32);

    let load = move |more: bool| {
        let cursor = if more {
            match next.get_untracked() {
                Some(cursor) => Some(cursor),
                None => return,
            }
        } else {
            None
        };
        let mut query = vec![];
        if let Some(category) = category.get_untracked() {
            query.push(format!("category={}", category.as_str()));
        }
        let words = search.get_untracked();
        if !words.trim().is_empty() {
            query.push(format!(
                "q={}",
                String::from(js_sys::encode_uri_component(words.trim()))
            ));
        }
        if let Some(cursor) = cursor {
            query.push(format!("cursor={cursor}"));
        }
        let base = match scope {
            FeedScope::Group(id) => format!("/api/groups/{id}/posts"),
            FeedScope::Mine => "/api/feed".to_owned(),
        };
        let path = format!("{base}?{}", query.join("&"));
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        loading.set(true);
        spawn_local(async move {
            let answer = api::get::<Feed>(&path).await;
            if generation.get_value() != mine {
                return;
            }
            loading.set(false);
            match answer {
                Ok(feed) => {
                    failure.set(None);
                    next.set(feed.next);
                    if more {
                        posts.update(|list| list.extend(feed.items));
                    } else {
                        top.set(feed.top);
                        posts.set(feed.items);
                        fresh.set(0);
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    load(false);

    // Infinite scroll.
    let scrolled = window_event_listener(ev::scroll, move |_| {
        let Some(window) = web_sys::window() else { return };
        let seen = window.scroll_y().unwrap_or(0.0)
            + window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        let height = document().document_element().map_or(0, |e| e.scroll_height());
        if seen + PREFETCH_PX >= f64::from(height)
            && !loading.get_untracked()
            && next.with_untracked(Option::is_some)
        {
            load(true);
        }
    });
    // Pull to refresh: a long downward swipe that starts at the top of the page.
    let pull_from = StoredValue::new(None::<i32>);
    let touched = window_event_listener(ev::touchstart, move |event| {
        let at_top = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(1.0) <= 0.0;
        let y = event.touches().get(0).map(|touch| touch.client_y());
        pull_from.set_value(y.filter(|_| at_top));
    });
    let released = window_event_listener(ev::touchend, move |event| {
        let end = event.changed_touches().get(0).map(|touch| touch.client_y());
        if let (Some(start), Some(end)) = (pull_from.get_value(), end) {
            if end - start > PULL_PX {
                load(false);
            }
        }
        pull_from.set_value(None);
    });
    on_cleanup(move || {
        scrolled.remove();
        touched.remove();
        released.remove();
    });
    // The pill: posts published since this page loaded (members only: the stream is per member).
    if use_session().me.with_untracked(Option::is_some) {
        live::listen("post", move |group| {
            if scope == FeedScope::Group(group) || scope == FeedScope::Mine {
                fresh.update(|n| *n += 1);
            }
        });
    }

    let pick = move |choice: Option<Category>| {
        category.set(choice);
        load(false);
    };
    let show_group = scope == FeedScope::Mine;
    view! {
        // Until the first page arrives the feed holds the rest of the screen, so what follows it
        // (a group's rules, the invite) is not drawn in view and then pushed away.
        <section class="feed" class:loading=move || loading.get() && posts.with(Vec::is_empty)>
            <Show when=move || { fresh.get() > 0 }>
                <button type="button" class="pill" on:click=move |_| {
                    load(false);
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }>{move || format!("↑ {} {}", fresh.get(), t.new_posts)}</button>
            </Show>
            {matches!(scope, FeedScope::Group(_)).then(|| view! {
                <form class="search" role="search" on:submit=move |ev: ev::SubmitEvent| { ev.prevent_default(); load(false); }>
                    <input type="search" aria-label=t.search_posts placeholder=t.search_posts bind:value=search />
                </form>
            })}
            <div class="chip-row" role="group" aria-label=t.category_label>
                <button type="button" class="chip" class:selected=move || category.get().is_none() on:click=move |_| pick(None)>
                    {t.all_categories}
                </button>
                {Category::ALL.iter().map(|c| {
                    let c = *c;
                    view! {
                        <button type="button" class="chip" class:selected=move || category.get() == Some(c) on:click=move |_| pick(Some(c))>
                            {t.category(c)}
                        </button>
                    }
                }).collect_view()}
            </div>
            <button type="button" class="button ghost refresh" on:click=move |_| load(false)>"⟳ " {t.refresh}</button>
            <For each=move || top.get() key=|p| p.id let:post>
                <PostCard post show_group />
            </For>
            <For each=move || posts.get() key=|p| (p.id, p.comment_count, p.edited_at) let:post>
                <PostCard post show_group />
            </For>
            {move || failure.get().map(|failure| view! {
                <FailureMessage failure />
                <button type="button" class="button" on:click=move |_| load(!posts.with_untracked(Vec::is_empty))>{t.retry}</button>
            })}
            <Show when=move || loading.get()><p class="muted">{t.loading}</p></Show>
            <Show when=move || !loading.get() && failure.with(Option::is_none) && posts.with(Vec::is_empty) && top.with(Vec::is_empty)>
                <p class="empty">{t.no_posts}</p>
            </Show>
            <Show when=move || next.with(Option::is_some) && !loading.get()>
                <button type="button" class="button ghost" on:click=move |_| load(true)>{t.load_more}</button>
            </Show>
        </section>
    }
}
