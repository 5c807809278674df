//! Who a quiz or a survey is for: tick boxes for the groups she runs and the units she administers.

use hoi_api::quiz::QuizAudiences;
use leptos::prelude::*;

use super::{FieldError, FormState};

/// Ticks and unticks ids in `groups` and `units`; the form's `audience` error shows below and
/// goes as soon as she ticks something.
#[component]
pub fn AudienceChecks(
    legend: &'static str,
    audiences: QuizAudiences,
    groups: RwSignal<Vec<i64>>,
    units: RwSignal<Vec<i64>>,
    form: FormState,
) -> impl IntoView {
    let error = form.field("audience");
    let toggle = move |list: RwSignal<Vec<i64>>, id: i64| {
        move |_| {
            form.clear_field("audience");
            list.update(|l| {
                if let Some(i) = l.iter().position(|x| *x == id) {
                    l.remove(i);
                } else {
                    l.push(id);
                }
            });
        }
    };
    let choices = audiences
        .groups
        .into_iter()
        .map(|g| (groups, g.id, g.name))
        .chain(audiences.units.into_iter().map(|u| (units, u.id, u.place())));
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices.map(|(list, id, name)| view! {
                <label class="check"><input type="checkbox" prop:checked=move || list.with(|l| l.contains(&id))
                    on:change=toggle(list, id) />" " {name}</label>
            }).collect_view()}
            <FieldError error />
        </fieldset>
    }
}
