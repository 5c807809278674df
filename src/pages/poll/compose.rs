//! Writing a poll, on the compose page: its options, one choice or several, when the counts
//! show, and an optional close. Every part is a draft on the phone, like the post's text.

use hoi_api::poll::{NewPoll, PollResults, POLL_MAX_OPTIONS, POLL_MIN_OPTIONS};
use leptos::prelude::*;

use crate::{
    components::{Field, FieldError, FormState},
    i18n::poll::use_poll_texts,
    prefs::{draft, forget},
    time,
};

/// The drafted poll of one compose page (`key` is the post's draft key).
#[derive(Clone, Copy)]
pub struct PollDraft {
    /// The options, one per line.
    options: RwSignal<String>,
    multiple: RwSignal<String>,
    results: RwSignal<String>,
    /// The close as the form's `datetime-local` text; empty for none.
    pub closes: RwSignal<String>,
}

const PARTS: [&str; 4] = ["poll_options", "poll_multiple", "poll_results", "poll_closes"];

impl PollDraft {
    pub fn new(key: &str) -> Self {
        let [options, multiple, results, closes] = PARTS.map(|part| draft(format!("{key}.{part}")));
        PollDraft {
            options,
            multiple,
            results,
            closes,
        }
    }

    /// What is sent: the options as typed (the shared rules refuse empty ones).
    pub fn poll(&self) -> NewPoll {
        NewPoll {
            options: self.lines(),
            multiple: self.multiple.get_untracked() == "1",
            closes_at: self.closes.with_untracked(|text| time::from_input(text)),
            results: PollResults::parse(&self.results.get_untracked()).unwrap_or(PollResults::AfterVote),
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .options
            .with_untracked(|text| text.split('\n').map(str::to_owned).collect());
        lines.resize(lines.len().max(POLL_MIN_OPTIONS), String::new());
        lines
    }

    pub fn forget(key: &str) {
        for part in PARTS {
            forget(&format!("{key}.{part}"));
        }
    }
}

#[component]
pub fn PollFields(poll: PollDraft, form: FormState) -> impl IntoView {
    let p = use_poll_texts();
    // Each option's row keeps its key while others come and go, so what she typed stays in its box.
    let next = StoredValue::new(0u32);
    let keyed = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|line| {
                next.update_value(|n| *n += 1);
                (next.get_value(), line)
            })
            .collect::<Vec<_>>()
    };
    let rows = RwSignal::new(keyed(poll.lines()));
    let save = move || {
        form.clear_field("options");
        rows.with_untracked(|rows| {
            poll.options.set(
                rows.iter()
                    .map(|(_, line)| line.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        });
    };
    let add = move |_| {
        next.update_value(|n| *n += 1);
        rows.update(|rows| rows.push((next.get_value(), String::new())));
        save();
    };
    view! {
        <fieldset class="poll-options">
            <legend>{p.options}</legend>
            <ul class="option-editor">
            <For each=move || rows.get() key=|(key, _)| *key let:row>
                {
                    let (key, line) = row;
                    view! {
                        <li>
                            <input type="text" aria-label=move || format!("{} {}", p.option, rows.with(|r| r.iter().position(|(k, _)| *k == key).unwrap_or(0) + 1)) maxlength="100" value=line
                                aria-describedby="options-error"
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    rows.update(|rows| {
                                        if let Some(row) = rows.iter_mut().find(|(k, _)| *k == key) {
                                            row.1 = text;
                                        }
                                    });
                                    save();
                                } />
                            <Show when=move || rows.with(|r| r.len() > POLL_MIN_OPTIONS)>
                                <button type="button" class="link" on:click=move |_| {
                                    rows.update(|rows| rows.retain(|(k, _)| *k != key));
                                    save();
                                }>{p.remove_option}</button>
                            </Show>
                        </li>
                    }
                }
            </For>
            </ul>
            <FieldError error=form.field("options") id="options-error" />
            <Show when=move || rows.with(|r| r.len() < POLL_MAX_OPTIONS)>
                <button type="button" class="button" on:click=add>{p.add_option}</button>
            </Show>
            <label class="check">
                <input type="checkbox" prop:checked=move || poll.multiple.get() == "1"
                    on:change=move |ev| poll.multiple.set(if event_target_checked(&ev) { "1".into() } else { String::new() }) />
                {p.multiple}
            </label>
        </fieldset>
        <fieldset class="choice">
            <legend>{p.results}</legend>
            {PollResults::ALL.iter().map(|rule| {
                let rule = *rule;
                let picked = move || PollResults::parse(&poll.results.get()).unwrap_or(PollResults::AfterVote) == rule;
                view! {
                    <label>
                        <input type="radio" name="poll-results" prop:checked=picked
                            on:change=move |_| poll.results.set(rule.as_str().to_owned()) />
                        {p.results_rule(rule)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <Field id="closes_at" label=p.closes error=form.field("closes_at") hint=p.closes_hint>
            <input id="closes_at" type="datetime-local" aria-describedby="closes_at-error" bind:value=poll.closes
                on:input=move |_| form.clear_field("closes_at") />
        </Field>
    }
}
