//! A unit's cadres and advisors: the list, taking someone off (its cadres and those above) or
//! herself (declining), and naming a woman by the phone number of her account.

use hoi_api::units::{NamePersonRequest, UnitPerson, UnitRole};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::{
    api,
    components::{form::FormMessage, FormState, TextField},
    i18n::units::use_unit_texts,
    prefs::{draft, forget},
    session::use_session,
};

#[component]
pub fn People(
    unit_id: i64,
    people: Vec<UnitPerson>,
    can_manage: bool,
    changed: Callback<()>,
) -> impl IntoView {
    let u = use_unit_texts();
    let me = use_session()
        .me
        .with_untracked(|me| me.as_ref().map_or(0, |me| me.id));
    view! {
        <section class="card">
            <h2>{u.people}</h2>
            {people.is_empty().then(|| view! { <p class="muted">{u.no_people}</p> })}
            <ul class="board people">
                {people.into_iter().map(|person| {
                    let herself = person.user_id == me;
                    let (label, confirm) = if herself { (u.decline, u.decline_confirm) } else { (u.remove, u.remove_confirm) };
                    let user = person.user_id;
                    let remove = move |_| {
                        if !window().confirm_with_message(confirm).unwrap_or(false) {
                            return;
                        }
                        spawn_local(async move {
                            if api::delete(&format!("/api/units/{unit_id}/people/{user}")).await.is_ok() {
                                changed.run(());
                            }
                        });
                    };
                    view! {
                        <li>
                            <span>{person.display_name} <span class="muted">" (…" {person.phone_tail} ")"</span></span>
                            <span class="chip">{u.role(person.role)}</span>
                            {(can_manage || herself).then(|| view! {
                                <button type="button" class="button ghost small" on:click=remove>{label}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! { <NameForm unit_id changed /> })}
        </section>
    }
}

/// Names a woman by phone; the phone is kept on the phone until she is named.
#[component]
fn NameForm(unit_id: i64, changed: Callback<()>) -> impl IntoView {
    let u = use_unit_texts();
    let form = FormState::new();
    let key = format!("draft.unit.{unit_id}.phone");
    let phone = draft(key.clone());
    let role = RwSignal::new(UnitRole::Cadre);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let request = NamePersonRequest {
            phone: phone.get_untracked(),
            role: role.get_untracked(),
        };
        if let Err(errors) = request.validate() {
            form.show_local(errors);
            return;
        }
        form.clear();
        let key = key.clone();
        form.send(
            async move { api::post::<_, UnitPerson>(&format!("/api/units/{unit_id}/people"), &request).await },
            move |_| {
                forget(&key);
                phone.set(String::new());
                changed.run(());
            },
        );
    };
    view! {
        <form class="form name-person" on:submit=submit novalidate>
            <h3>{u.name_title}</h3>
            <p class="hint">{u.name_hint}</p>
            <TextField id="phone" label=u.phone value=phone form kind="tel" inputmode="tel" autocomplete="off" />
            <fieldset class="choice">
                <legend>{u.role}</legend>
                {[(UnitRole::Cadre, u.cadre_hint), (UnitRole::Advisor, u.advisor_hint)].map(|(value, hint)| view! {
                    <label>
                        <input type="radio" name="unit-role" prop:checked=move || role.get() == value
                            on:change=move |_| role.set(value) />
                        <span><strong>{u.role(value)}</strong><br /><span class="muted">{hint}</span></span>
                    </label>
                })}
            </fieldset>
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>{u.name_button}</button>
        </form>
    }
}
