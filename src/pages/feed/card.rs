//! A post as the feed shows it: author and badge, text, photos, the board's answer, reactions,
//! comment count, share.

use hoi_api::feed::{PostKind, PostStatus, PostView, ReactRequest, Reaction, ReactionCount};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api,
    app::groups_pages,
    components::{rich_text::rich_text, share::share_or_copy},
    i18n::use_texts,
    lazy::{lazy_page, LazyPart},
    pages::poll::PollOf,
    time,
};

#[component]
pub fn PostCard(
    post: PostView,
    /// The group's name above the author (the "all my groups" feed).
    #[prop(optional)]
    show_group: bool,
) -> impl IntoView {
    let t = use_texts();
    let PostView {
        id,
        group_name,
        author,
        kind,
        category,
        body,
        photos,
        status,
        held_for,
        reason,
        pinned,
        announcement_until,
        created_at,
        publish_at,
        edited_at,
        answer,
        reactions,
        my_reaction,
        comment_count,
        ..
    } = post;
    let now = time::now();
    let published = status == PostStatus::Published;
    let question = kind == PostKind::Question;
    let unanswered = question && answer.is_none() && published;
    let status = t.post_status(status);
    let held: Vec<_> = held_for.iter().map(|r| t.hold(*r)).collect();
    let single = photos.len() == 1;
    view! {
        <article class="post" id=format!("post-{id}")>
            <header class="post-head">
                {show_group.then(|| view! { <span class="post-group">{group_name}</span> })}
                <span class="author">{author.display_name}</span>
                {author.board.then(|| view! { <span class="badge board">{t.group_board}</span> })}
                <A href=format!("/posts/{id}") attr:class="muted when">
                    {time::relative(created_at, now, t)}
                    {edited_at.map(|_| format!(" · {}", t.edited))}
                </A>
                <span class="chips">
                    {pinned.then(|| view! { <span class="chip top">{t.pinned}</span> })}
                    {announcement_until.map(|_| view! { <span class="chip top">{t.announcement}</span> })}
                    {question.then(|| view! { <span class="chip question">{t.ask_board}</span> })}
                    <span class="chip">{t.category(category)}</span>
                </span>
            </header>
            {status.map(|label| view! {
                <p class="notice pending" role="status">
                    <strong>{label}</strong>
                    {publish_at.map(|at| view! { <span class="held">" · " {time::date_time(at)}</span> })}
                    {held.iter().map(|h| view! { <span class="held">" · " {*h}</span> }).collect_view()}
                    {reason.map(|reason| view! { <span class="reason">": " {reason}</span> })}
                </p>
            })}
            {rich_text(&body)}
            {(!photos.is_empty()).then(|| view! {
                <div class="photos" class:single=single>
                    {photos.into_iter().map(|photo| view! {
                        <a href=format!("/api/photos/{}", photo.id) target="_blank">
                            <img src=format!("/api/photos/{}/thumb", photo.id) width=photo.width height=photo.height
                                loading="lazy" decoding="async" alt="" />
                        </a>
                    }).collect_view()}
                </div>
            })}
            {(kind == PostKind::Poll).then(|| view! { <PollPart id /> })}
            {answer.map(|answer| view! {
                <div class="answer">
                    <strong>{t.board_answer}</strong> " · " <span>{answer.author.display_name}</span>
                    {rich_text(&answer.body)}
                </div>
            })}
            {unanswered.then(|| view! { <p class="muted">{t.unanswered}</p> })}
            {published.then(|| view! {
                <Reactions id counts=reactions mine=my_reaction comments=comment_count />
            })}
        </article>
    }
}

/// A poll's options and counts, from the groups pack: the card shows the question (the body).
#[component]
fn PollPart(id: i64) -> impl IntoView {
    provide_context(PollOf(id));
    view! { <LazyPart part=lazy_page!(groups_pages, PollCard) /> }
}

/// The reaction bar: counts, her reaction (tap to choose among six), comments, share.
#[component]
fn Reactions(id: i64, counts: Vec<ReactionCount>, mine: Option<Reaction>, comments: i64) -> impl IntoView {
    let t = use_texts();
    let counts = RwSignal::new(counts);
    let mine = RwSignal::new(mine);
    let choosing = RwSignal::new(false);
    let choose = move |kind: Reaction| {
        choosing.set(false);
        let before = mine.get_untracked();
        let after = (before != Some(kind)).then_some(kind);
        // Counted at once; the server's answer only matters when it fails.
        counts.update(|list| {
            for (change, reaction) in [(-1, before), (1, after)] {
                let Some(reaction) = reaction else { continue };
                match list.iter_mut().find(|c| c.kind == reaction) {
                    Some(count) => count.count += change,
                    None => list.push(ReactionCount {
                        kind: reaction,
                        count: change,
                    }),
                }
            }
            list.retain(|c| c.count > 0);
        });
        mine.set(after);
        spawn_local(async move {
            let path = format!("/api/posts/{id}/reaction");
            let sent = match after {
                Some(kind) => api::put::<_, ()>(&path, &ReactRequest { kind }).await,
                None => api::delete(&path).await,
            };
            if sent.is_err() {
                mine.set(before);
            }
        });
    };
    let share = move |_| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        share_or_copy(t.app_name, &format!("{origin}/posts/{id}"));
    };
    view! {
        <div class="reactions">
            <span class="counts">
                {move || counts.get().into_iter().map(|c| format!("{} {} ", c.kind.emoji(), c.count)).collect::<String>()}
            </span>
            <A href=format!("/posts/{id}#comments") attr:class="muted">{comments} " " {t.comments_label}</A>
        </div>
        <div class="post-actions">
            <button type="button" class="link" class:active=move || mine.get().is_some()
                aria-expanded=move || choosing.get().to_string() on:click=move |_| choosing.update(|c| *c = !*c)>
                {move || match mine.get() {
                    Some(kind) => format!("{} {}", kind.emoji(), t.reaction(kind)),
                    None => format!("👍 {}", t.reaction(Reaction::Like)),
                }}
            </button>
            <A href=format!("/posts/{id}#comments") attr:class="link">{t.comments_label}</A>
            <button type="button" class="link" on:click=share>{t.share}</button>
        </div>
        <Show when=move || choosing.get()>
            <div class="reaction-picker" role="group">
                {Reaction::ALL.iter().map(|kind| {
                    let kind = *kind;
                    view! {
                        <button type="button" title=t.reaction(kind) aria-label=t.reaction(kind) on:click=move |_| choose(kind)>
                            {kind.emoji()}
                        </button>
                    }
                }).collect_view()}
            </div>
        </Show>
    }
}
