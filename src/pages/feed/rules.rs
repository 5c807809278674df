//! The group's moderation rules, for its admins: what holds a member's post for review.

use hoi_api::moderation::ModerationSettings;
use leptos::{ev, prelude::*, task::spawn_local};

use crate::{
    api,
    components::{form::FormMessage, FormState},
    i18n::{queue::use_queue_texts, use_texts},
};

/// One item per line in a text box, and back.
fn lines(items: &[String]) -> String {
    items.join("\n")
}

fn items(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub fn RulesForm(group: i64) -> impl IntoView {
    let t = use_texts();
    let qt = use_queue_texts();
    let open = RwSignal::new(false);
    let settings = api::fetched::<ModerationSettings>(move || {
        open.get().then(|| format!("/api/groups/{group}/moderation"))
    });
    let approve = RwSignal::new(true);
    let links = RwSignal::new(true);
    let phones = RwSignal::new(true);
    let money = RwSignal::new(true);
    let days = RwSignal::new(String::new());
    let domains = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(s)) = settings.get() {
            approve.set(s.approve_posts);
            links.set(s.hold_links);
            phones.set(s.hold_phones);
            money.set(s.hold_money_words);
            days.set(s.new_member_days.to_string());
            domains.set(lines(&s.trusted_domains));
            words.set(lines(&s.extra_words));
        }
    });
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let request = ModerationSettings {
            approve_posts: approve.get_untracked(),
            hold_links: links.get_untracked(),
            hold_phones: phones.get_untracked(),
            hold_money_words: money.get_untracked(),
            new_member_days: days.get_untracked().trim().parse().unwrap_or(0),
            trusted_domains: items(&domains.get_untracked()),
            extra_words: items(&words.get_untracked()),
        };
        saved.set(false);
        spawn_local(async move {
            match api::put::<_, ()>(&format!("/api/groups/{group}/moderation"), &request).await {
                Ok(()) => {
                    form.clear();
                    saved.set(true);
                }
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    view! {
        <details class="card rules" on:toggle=move |_| open.set(true)>
            <summary>{qt.rules_title}</summary>
            <form class="form" on:submit=save novalidate>
                {[(approve, qt.rule_approve), (links, qt.rule_links), (phones, qt.rule_phones), (money, qt.rule_money)]
                    .map(|(value, label)| view! {
                        <label class="check"><input type="checkbox" bind:checked=value /><span>{label}</span></label>
                    })}
                <div class="field">
                    <label for="rule-days">{qt.rule_new_member_days}</label>
                    <input id="rule-days" type="number" min="0" max="365" inputmode="numeric" bind:value=days />
                </div>
                <div class="field">
                    <label for="rule-domains">{qt.rule_domains}</label>
                    <textarea id="rule-domains" rows="3" bind:value=domains></textarea>
                </div>
                <div class="field">
                    <label for="rule-words">{qt.rule_words}</label>
                    <textarea id="rule-words" rows="3" bind:value=words></textarea>
                </div>
                <FormMessage form />
                <Show when=move || saved.get()><p class="notice" role="status">{t.saved}</p></Show>
                <button type="submit" class="button primary">{t.save}</button>
            </form>
        </details>
    }
}
