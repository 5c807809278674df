//! A judge's sheet: each approved entry with a score box per criterion, saved per entry.

use hoi_api::photo_contest::{Criterion, JudgeEntry, JudgeSheet, ScoreRequest};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api,
    components::{
        form::{waiting, FormMessage, FormState},
        FieldError,
    },
    i18n::photo_contest::use_photo_contest_texts,
};

#[component]
pub fn JudgePage() -> impl IntoView {
    let c = use_photo_contest_texts();
    let id = crate::pages::use_id_param();
    let sheet =
        api::fetched::<JudgeSheet>(move || Some(format!("/api/photo-contests/{}/judging", id.get()?)));
    view! {
        <A href=move || format!("/photo-contests/{}", id.get().unwrap_or(0)) attr:class="back">{c.back}</A>
        <h1>{c.judge_title}</h1>
        {move || match sheet.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(sheet)) => {
                let criteria = sheet.criteria.clone();
                sheet.entries.into_iter().map(|entry| view! { <Scoring entry criteria=criteria.clone() /> }).collect_view().into_any()
            }
        }}
    }
}

#[component]
fn Scoring(entry: JudgeEntry, criteria: Vec<Criterion>) -> impl IntoView {
    let c = use_photo_contest_texts();
    let id = entry.entry.id;
    let boxes: Vec<RwSignal<String>> = (0..criteria.len())
        .map(|i| RwSignal::new(entry.scores.get(i).map(u32::to_string).unwrap_or_default()))
        .collect();
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let values = boxes.clone();
    let save = move |_| {
        let request = ScoreRequest {
            scores: values
                .iter()
                .map(|b| b.get_untracked().trim().parse().unwrap_or(u32::MAX))
                .collect(),
        };
        form.clear();
        saved.set(false);
        form.send(async move { api::put::<_, ()>(&format!("/api/photo-contest-entries/{id}/score"), &request).await }, move |()| saved.set(true));
    };
    view! {
        <section class="card judge-entry">
            <A href=format!("/entries/{id}")>
                {entry.entry.photos.first().map(|p| view! { <img class="judge-thumb" src=format!("/api/photos/{}/thumb", p.id) alt="" /> })}
                <strong>{entry.entry.title.clone()}</strong>
            </A>
            <p class="muted">{entry.entry.author_name}</p>
            {criteria.iter().zip(boxes).enumerate().map(|(i, (criterion, value))| {
                let field = format!("score-{id}-{i}");
                let error = form.field(format!("scores.{i}"));
                view! {
                    <div class="field" class:has-error=move || error.get().is_some()>
                        <label for=field.clone()>{criterion.name.clone()} " (0–" {criterion.max_points} ")"</label>
                        <input id=field type="number" inputmode="numeric" min="0" max=criterion.max_points bind:value=value />
                        <FieldError error />
                    </div>
                }
            }).collect_view()}
            <button type="button" class="button primary" on:click=save>{c.save_scores}</button>
            {move || saved.get().then(|| view! { <span class="hint" role="status">" " {c.scores_saved}</span> })}
            <FormMessage form />
        </section>
    }
}
