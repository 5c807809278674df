//! A poll on its post's card: the options to vote on, then the counts when they are hers to see,
//! moving as others vote. In the groups pack; the feed card asks for it only for a poll, so a
//! feed without one never downloads it. Its counts are fetched fresh (not with the cached feed)
//! because they change with every vote.

mod compose;
mod live;

pub use compose::{PollDraft, PollFields};

use hoi_api::{
    poll::{PollView, PollVote},
    ErrorCode,
};
use leptos::{ev, prelude::*, task::spawn_local};

use crate::{
    api::{self, Failure},
    components::{form::FormMessage, FieldError, FormState},
    i18n::poll::use_poll_texts,
    session::use_session,
    time,
};

/// Which post's poll the card below shows (given by the feed card, which holds the post).
#[derive(Clone, Copy)]
pub struct PollOf(pub i64);

#[component]
pub fn PollCard() -> impl IntoView {
    let Some(PollOf(id)) = use_context::<PollOf>() else {
        return ().into_any();
    };
    let poll = RwSignal::new(None::<Result<PollView, Failure>>);
    let path = format!("/api/posts/{id}/poll");
    // A failed reload keeps the counts she has; only a first load shows the failure.
    let load = {
        let path = path.clone();
        move || {
            let path = path.clone();
            spawn_local(async move {
                let answer = api::get::<PollView>(&path).await;
                // `try_`: the card may have left the screen while the answer was on its way.
                poll.try_update(|shown| {
                    if answer.is_ok() || !matches!(shown, Some(Ok(_))) {
                        *shown = Some(answer);
                    }
                });
            });
        }
    };
    load();
    if use_session().me.with_untracked(Option::is_some) {
        // A burst of votes is one reload a second at most.
        let due = StoredValue::new(false);
        live::on_vote(id, move || {
            if due.try_get_value() == Some(false) {
                due.set_value(true);
                let load = load.clone();
                set_timeout(
                    move || {
                        if due.try_set_value(false).is_none() {
                            load();
                        }
                    },
                    std::time::Duration::from_secs(1),
                );
            }
        });
    }
    view! {
        <div class="poll">
            {move || match poll.get() {
                Some(Ok(view)) => view! { <PollBody view poll path=path.clone() /> }.into_any(),
                Some(Err(failure)) => view! { <crate::components::form::FailureMessage failure /> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
    .into_any()
}

/// The ballot while she votes (or changes her vote), the counts otherwise.
#[component]
fn PollBody(
    view: PollView,
    poll: RwSignal<Option<Result<PollView, Failure>>>,
    path: String,
) -> impl IntoView {
    let p = use_poll_texts();
    let voted = !view.mine.is_empty();
    let changing = RwSignal::new(false);
    let voting = move || view.can_vote && (!voted || changing.get());
    let chosen = RwSignal::new(view.mine.clone());
    let form = FormState::new();
    let multiple = view.multiple;
    let submit = {
        let poll_path = path.clone();
        let path = format!("{path}/vote");
        move |event: ev::SubmitEvent| {
            event.prevent_default();
            let vote = PollVote {
                choices: chosen.get_untracked(),
            };
            if let Err(code) = vote.ballot(view_options(poll), multiple) {
                form.show_local(field_error(code));
                return;
            }
            let path = path.clone();
            let poll_path = poll_path.clone();
            let sent = async move {
                if voted {
                    api::put::<_, PollView>(&path, &vote).await
                } else {
                    api::post::<_, PollView>(&path, &vote).await
                }
            };
            form.send_and(sent, move |answer| match answer {
                Ok(view) => {
                    poll.set(Some(Ok(view)));
                    Ok(())
                }
                // Her other phone voted already: show that vote (marked "Chị chọn"), which she
                // can still change, rather than overwrite it.
                Err(failure) if failure.code() == Some(ErrorCode::AlreadyVoted) => {
                    spawn_local(async move {
                        if let Ok(view) = api::get::<PollView>(&poll_path).await {
                            poll.try_set(Some(Ok(view)));
                        }
                    });
                    Ok(())
                }
                Err(failure) => Err(failure),
            });
        }
    };
    let shown = view.counts.is_some();
    let counts = StoredValue::new(view.counts.clone());
    let count_of = move |n: usize| counts.with_value(|c| c.as_ref().map(|c| c.get(n).copied().unwrap_or(0)));
    let voters = view.voters.max(1);
    let options = view.options.clone();
    let mine = view.mine.clone();
    let footer = match (view.closed, view.closes_at) {
        (true, _) => p.closed.to_owned(),
        (false, Some(at)) => format!("{} {}", p.closes_at, time::date_time(at)),
        (false, None) => String::new(),
    };
    let note = if view.closed || shown {
        None
    } else if voted {
        Some(p.kept_until_close)
    } else if !view.can_vote {
        Some(p.members_vote)
    } else {
        None
    };
    let can_change = view.can_vote && voted;
    let id = view.post_id;
    view! {
        {move || if voting() {
            let kind = if multiple { "checkbox" } else { "radio" };
            view! {
                <form class="poll-ballot" on:submit=submit.clone() novalidate>
                    <fieldset class="choices">
                        <legend class="visually-hidden">{p.kind}</legend>
                        {multiple.then(|| view! { <p class="hint">{p.pick_several}</p> })}
                        {options.iter().enumerate().map(|(n, option)| {
                            let n = n as u8;
                            view! {
                                <label class="choice">
                                    <input type=kind name=format!("poll-{id}") prop:checked=move || chosen.with(|c| c.contains(&n))
                                        on:change=move |ev| {
                                            form.clear();
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != n && multiple);
                                                if on { c.push(n); c.sort_unstable(); }
                                            });
                                        } />
                                    {option.clone()}
                                    // Those who run it see the counts while they have not voted.
                                    {count_of(usize::from(n)).map(|count| view! {
                                        <span class="muted">{format!(" · {count} {}", p.votes)}</span>
                                    })}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <FieldError error=form.field("choices") />
                    <FormMessage form />
                    <button type="submit" class="button primary" disabled=move || form.busy.get()>{p.vote}</button>
                </form>
            }.into_any()
        } else {
            view! {
                <ul class="plain poll-results">
                    {options.iter().enumerate().map(|(n, option)| {
                        let picked = mine.contains(&(n as u8));
                        let count = count_of(n);
                        view! {
                            <li class:mine=picked>
                                <span>{option.clone()} " " {picked.then(|| view! { <span class="chip ok">"✓ " {p.mine}</span> })}</span>
                                {count.map(|count| view! {
                                    <progress class="progress-bar" max=voters value=count></progress>
                                    <span class="muted">{format!("{count} {} · {}%", p.votes, count * 100 / voters)}</span>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {can_change.then(|| view! {
                    <button type="button" class="link" on:click=move |_| changing.set(true)>{p.change}</button>
                })}
            }.into_any()
        }}
        {note.map(|note| view! { <p class="muted">{note}</p> })}
        <p class="muted poll-meta">
            {format!("{} {}", view.voters, p.voters)}
            {(!footer.is_empty()).then(|| format!(" · {footer}"))}
        </p>
    }
}

/// How many options the shown poll has.
fn view_options(poll: RwSignal<Option<Result<PollView, Failure>>>) -> usize {
    poll.with_untracked(|p| {
        p.as_ref()
            .and_then(|p| p.as_ref().ok())
            .map_or(0, |p| p.options.len())
    })
}

/// A ballot's problem as the form shows it, under the choices.
fn field_error(code: ErrorCode) -> hoi_api::error::FieldErrors {
    let mut errors = hoi_api::error::FieldErrors::default();
    errors.add("choices", code);
    errors
}
