//! "Việc hôm nay" at the top of the home page for board members and cadres: what waits for her
//! across all her groups and units, each with its count and how long the oldest has waited,
//! oldest first, one tap to each. In the admin pack: members never download it.

use hoi_api::todo::TodoItem;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{api, i18n::todo::use_todo_texts, i18n::use_texts, time};

#[component]
pub fn TodoCard() -> impl IntoView {
    let d = use_todo_texts();
    let t = use_texts();
    let todo = api::fetched::<Vec<TodoItem>>(|| Some("/api/me/todo".to_owned()));
    move || {
        // Nothing while it loads or when it cannot be read: the feed below is what she came for.
        todo.get().and_then(Result::ok).map(|items| {
            let now = time::now();
            view! {
                <section class="card todo" aria-labelledby="todo-title">
                    <h2 id="todo-title">{d.title}</h2>
                    {items.is_empty().then(|| view! { <p class="muted">{d.nothing}</p> })}
                    <ul class="todo-list">
                        {items.into_iter().map(|item| {
                            let place = if item.place.is_empty() { d.your_units.to_owned() } else { item.place };
                            view! {
                                <li>
                                    <A href=item.path attr:class="todo-item">
                                        <strong class="count">{item.count}</strong>
                                        <span>
                                            <span class="what">{d.kind(item.kind)}</span>
                                            <span class="muted">{place} " · " {d.waiting_since} " " {time::relative(item.oldest_at, now, t)}</span>
                                        </span>
                                    </A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
