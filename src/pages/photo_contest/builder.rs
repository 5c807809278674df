//! "Tạo cuộc thi ảnh": the settings of a new photo contest for a group she administers, and the
//! same form to change them later ("Sửa cài đặt"). What she types is kept on the phone until it
//! is saved.

use chrono::{DateTime, Duration, Utc};
use hoi_api::photo_contest::{
    Audience, Criterion, PhotoContestForm, PhotoContestList, PhotoContestView, VoteRule,
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
    components::{
        form::{loaded, FormMessage, FormState, TextField},
        Field, FieldError,
    },
    i18n::photo_contest::use_photo_contest_texts,
    photo,
    prefs::{draft_over, forget},
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

/// "Tạo cuộc thi ảnh" (`/photo-contests/new?group=…`) and "Sửa cài đặt cuộc thi"
/// (`/photo-contests/:id/edit`): one form, started from defaults or from the contest's settings.
#[component]
pub fn PhotoContestBuilderPage() -> impl IntoView {
    let edit = crate::pages::use_id_param().get_untracked();
    let group = use_query_map()
        .with_untracked(|q| q.get("group").and_then(|g| g.parse::<i64>().ok()))
        .unwrap_or(0);
    let groups = api::fetched::<PhotoContestList>(|| Some("/api/photo-contests".to_owned()));
    let saved =
        api::fetched::<PhotoContestForm>(move || edit.map(|id| format!("/api/photo-contests/{id}/form")));
    move || match edit {
        None => loaded(groups.get(), |list| {
            // The unit of a contest "for the commune" is the group's.
            let unit_id = list
                .can_create_in
                .iter()
                .find(|g| g.id == group)
                .map(|g| g.unit_id);
            view! { <Builder start=fresh(group, unit_id) edit=None /> }.into_any()
        }),
        Some(id) => loaded(saved.get(), |start| {
            view! { <Builder start edit=Some(id) /> }.into_any()
        }),
    }
}

/// A new contest's settings: a week of entries, two of voting, one entry each, three votes.
fn fresh(group_id: i64, unit_id: Option<i64>) -> PhotoContestForm {
    let now: DateTime<Utc> = time::now();
    PhotoContestForm {
        group_id,
        title: String::new(),
        rules: String::new(),
        cover_photo_id: None,
        entries_open_at: now,
        entries_close_at: now + Duration::days(7),
        voting_open_at: now,
        voting_close_at: now + Duration::days(14),
        who_enters: Audience::Group,
        who_votes: Audience::Group,
        unit_id,
        entries_per_member: 1,
        vote_rule: VoteRule::PerEntry,
        votes_per_day: 3,
        live_results: true,
        judge_weight: 70,
        criteria: Vec::new(),
        judge_phones: Vec::new(),
    }
}

#[component]
fn Builder(start: PhotoContestForm, edit: Option<i64>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let group = start.group_id;
    let unit_id = start.unit_id;
    // A new contest's texts are drafts from the start; an edit's only while they differ from
    // what is saved.
    let key = match edit {
        Some(id) => format!("contest.edit.{id}"),
        None => format!("contest.new.{group}"),
    };
    let criteria_text = start
        .criteria
        .iter()
        .map(|k| format!("{} | {}", k.name, k.max_points))
        .collect::<Vec<_>>()
        .join("\n");
    let title = draft_over(format!("{key}.title"), start.title.clone());
    let rules = draft_over(format!("{key}.rules"), start.rules.clone());
    let criteria = draft_over(format!("{key}.criteria"), criteria_text);
    let judges = draft_over(format!("{key}.judges"), start.judge_phones.join("\n"));
    let entries_open = RwSignal::new(time::to_input(start.entries_open_at));
    let entries_close = RwSignal::new(time::to_input(start.entries_close_at));
    let voting_open = RwSignal::new(time::to_input(start.voting_open_at));
    let voting_close = RwSignal::new(time::to_input(start.voting_close_at));
    let who_enters = RwSignal::new(start.who_enters);
    let who_votes = RwSignal::new(start.who_votes);
    let vote_rule = RwSignal::new(start.vote_rule);
    let per_member = RwSignal::new(start.entries_per_member.to_string());
    let per_day = RwSignal::new(start.votes_per_day.max(1).to_string());
    let weight = RwSignal::new(start.judge_weight.to_string());
    let live = RwSignal::new(start.live_results);
    let cover = RwSignal::new(start.cover_photo_id);
    let form = FormState::new();
    let navigate = use_navigate();
    let now = time::now();

    let pick_cover = move |event: ev::Event| {
        photo::upload_one(
            &event,
            &format!("/api/groups/{group}/photos"),
            move |answer| match answer {
                Ok(view) => cover.set(Some(view.id)),
                Err(failure) => form.show_failure(failure),
            },
        );
    };

    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let number = |text: RwSignal<String>| text.get_untracked().trim().parse::<u32>().unwrap_or(u32::MAX);
        let moment = |text: RwSignal<String>| time::from_input(&text.get_untracked()).unwrap_or(now);
        let rule = vote_rule.get_untracked();
        let request = PhotoContestForm {
            group_id: group,
            title: title.get_untracked(),
            rules: rules.get_untracked(),
            cover_photo_id: cover.get_untracked(),
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
        let sent = async move {
            match edit {
                Some(id) => {
                    api::put::<_, PhotoContestView>(&format!("/api/photo-contests/{id}"), &request).await
                }
                None => api::post::<_, PhotoContestView>("/api/photo-contests", &request).await,
            }
        };
        form.send(sent, move |contest| {
            for part in ["title", "rules", "criteria", "judges"] {
                forget(&format!("{key}.{part}"));
            }
            navigate(&format!("/photo-contests/{}", contest.id), Default::default());
        });
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
            <h1>{if edit.is_some() { c.edit_title } else { c.builder_title }}</h1>
            <TextField id="title" label=c.title value=title form />
            {area("rules", c.rules, None, rules)}
            <div class="field">
                {move || cover.get().map(|id| view! { <img class="cover" src=format!("/api/photos/{id}/thumb") alt="" /> })}
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
            {edit.is_some().then(|| view! { <p class="hint">{c.vote_rule_kept}</p> })}
            <FieldError error=form.field("vote_rule") />
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
