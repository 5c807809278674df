//! "Tạo cuộc thi ảnh": the settings of a new photo contest for a group she administers. What she
//! types is kept on the phone until the contest is saved.

use chrono::{DateTime, Duration, Utc};
use hoi_api::{
    feed::PhotoView,
    photo_contest::{Audience, Criterion, PhotoContestForm, PhotoContestList, PhotoContestView, VoteRule},
};
use leptos::{ev, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::{
    api,
    components::{
        form::{FormMessage, FormState, TextField},
        Field,
    },
    i18n::photo_contest::use_photo_contest_texts,
    photo,
    prefs::{draft, forget},
    time,
};

/// "Trang phục | 10" per line; a line without points gets 0, which the shared rules refuse.
fn criteria_from(text: &str) -> Vec<Criterion> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (name, points) = line.rsplit_once('|').unwrap_or((line, ""));
            Criterion {
                name: name.trim().to_owned(),
                max_points: points.trim().parse().unwrap_or(0),
            }
        })
        .collect()
}

fn datetime_field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let error = form.field(id);
    view! {
        <Field id label error>
            <input id=id type="datetime-local" aria-describedby=format!("{id}-error") bind:value=value on:input=move |_| form.clear_field(id) />
        </Field>
    }
}

fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    value: RwSignal<T>,
    options: Vec<(T, &'static str, &'static str)>,
) -> impl IntoView {
    let lookup = options.clone();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| {
                let picked = event_target_value(&ev);
                if let Some((v, _, _)) = lookup.iter().find(|(_, key, _)| *key == picked) {
                    value.set(*v);
                }
            }>
                {options.into_iter().map(|(v, key, text)| view! {
                    <option value=key selected=move || value.get() == v>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn PhotoContestBuilderPage() -> impl IntoView {
    let c = use_photo_contest_texts();
    let query = use_query_map();
    let group = query
        .with_untracked(|q| q.get("group").and_then(|g| g.parse::<i64>().ok()))
        .unwrap_or(0);
    let groups = api::fetched::<PhotoContestList>(|| Some("/api/photo-contests".to_owned()));
    let key = format!("contest.new.{group}");
    let now: DateTime<Utc> = time::now();
    let at = |days: i64| time::to_input(now + Duration::days(days));
    let title = draft(format!("{key}.title"));
    let rules = draft(format!("{key}.rules"));
    let criteria = draft(format!("{key}.criteria"));
    let judges = draft(format!("{key}.judges"));
    let entries_open = RwSignal::new(time::to_input(now));
    let entries_close = RwSignal::new(at(7));
    let voting_open = RwSignal::new(time::to_input(now));
    let voting_close = RwSignal::new(at(14));
    let who_enters = RwSignal::new(Audience::Group);
    let who_votes = RwSignal::new(Audience::Group);
    let vote_rule = RwSignal::new(VoteRule::PerEntry);
    let per_member = RwSignal::new("1".to_owned());
    let per_day = RwSignal::new("3".to_owned());
    let weight = RwSignal::new("70".to_owned());
    let live = RwSignal::new(true);
    let cover = RwSignal::new(None::<PhotoView>);
    let form = FormState::new();
    let navigate = use_navigate();

    let pick_cover = move |event: ev::Event| {
        let Some(file) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        spawn_local(async move {
            let shrunk = photo::shrink(file.into()).await;
            match api::post_blob::<PhotoView>(&format!("/api/groups/{group}/photos"), &shrunk).await {
                Ok(view) => cover.set(Some(view)),
                Err(failure) => form.show_failure(failure),
            }
        });
    };

    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let number = |text: RwSignal<String>| text.get_untracked().trim().parse::<u32>().unwrap_or(u32::MAX);
        let moment = |text: RwSignal<String>| time::from_input(&text.get_untracked()).unwrap_or(now);
        let unit_id = groups.with_untracked(|list| {
            list.as_ref()
                .and_then(|l| l.as_ref().ok())
                .and_then(|l| l.can_create_in.iter().find(|g| g.id == group).map(|g| g.unit_id))
        });
        let rule = vote_rule.get_untracked();
        let request = PhotoContestForm {
            group_id: group,
            title: title.get_untracked(),
            rules: rules.get_untracked(),
            cover_photo_id: cover.get_untracked().map(|p| p.id),
            entries_open_at: moment(entries_open),
            entries_close_at: moment(entries_close),
            voting_open_at: moment(voting_open),
            voting_close_at: moment(voting_close),
            who_enters: who_enters.get_untracked(),
            who_votes: who_votes.get_untracked(),
            unit_id,
            entries_per_member: number(per_member),
            vote_rule: rule,
            votes_per_day: if rule == VoteRule::PerDay {
                number(per_day)
            } else {
                0
            },
            live_results: live.get_untracked(),
            judge_weight: number(weight),
            criteria: criteria_from(&criteria.get_untracked()),
            judge_phones: judges
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        form.clear();
        let key = key.clone();
        let navigate = navigate.clone();
        form.send(
            async move { api::post::<_, PhotoContestView>("/api/photo-contests", &request).await },
            move |contest| {
                for part in ["title", "rules", "criteria", "judges"] {
                    forget(&format!("{key}.{part}"));
                }
                navigate(&format!("/photo-contests/{}", contest.id), Default::default());
            },
        );
    };
    let audiences = || {
        vec![
            (Audience::Group, "group", c.audiences[0]),
            (Audience::Unit, "unit", c.audiences[1]),
            (Audience::Anyone, "anyone", c.audiences[2]),
        ]
    };
    let area = move |id: &'static str,
                     label: &'static str,
                     hint: Option<&'static str>,
                     value: RwSignal<String>| {
        let error = form.field_or_lines(id);
        view! {
            <Field id label error hint=hint.unwrap_or_default()>
                <textarea id=id rows="3" aria-describedby=format!("{id}-error") bind:value=value on:input=move |_| form.clear()></textarea>
            </Field>
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{c.builder_title}</h1>
            <TextField id="title" label=c.title value=title form />
            {area("rules", c.rules, None, rules)}
            <div class="field">
                {move || cover.get().map(|p| view! { <img class="contest-cover" src=format!("/api/photos/{}/thumb", p.id) alt="" /> })}
                <label class="button">
                    {c.cover}
                    <input type="file" accept="image/*" class="visually-hidden" on:change=pick_cover />
                </label>
            </div>
            {datetime_field("entries_open_at", c.entries_open, entries_open, form)}
            {datetime_field("entries_close_at", c.entries_close, entries_close, form)}
            {datetime_field("voting_open_at", c.voting_open, voting_open, form)}
            {datetime_field("voting_close_at", c.voting_close, voting_close, form)}
            {choice("who_enters", c.who_enters, who_enters, audiences())}
            {choice("who_votes", c.who_votes, who_votes, audiences())}
            <TextField id="entries_per_member" label=c.entries_per_member value=per_member form inputmode="numeric" />
            {choice("vote_rule", c.vote_rule, vote_rule, vec![
                (VoteRule::PerEntry, "per_entry", c.vote_rules[0]),
                (VoteRule::PerDay, "per_day", c.vote_rules[1]),
            ])}
            <Show when=move || vote_rule.get() == VoteRule::PerDay>
                <TextField id="votes_per_day" label=c.votes_per_day value=per_day form inputmode="numeric" />
            </Show>
            <label class="check">
                <input type="checkbox" bind:checked=live />
                {c.live_results}
            </label>
            <TextField id="judge_weight" label=c.judge_weight value=weight form inputmode="numeric" hint=c.judge_weight_hint />
            {area("criteria", c.criteria, Some(c.criteria_hint), criteria)}
            {area("judge_phones", c.judge_phones, Some(c.judge_phones_hint), judges)}
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>{c.save}</button>
        </form>
    }
}
