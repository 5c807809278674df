//! A commune's branches (chi hội) for its cadres: add one, rename one, merge one into another
//! (its groups, applications and women move along) or remove an empty one.

use hoi_api::units::{CreateBranchRequest, MergeBranchRequest, RenameBranchRequest, UnitChild, UnitRef};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;

use crate::{
    api,
    components::{form::FormMessage, Field, FormState, TextField},
    i18n::units::use_unit_texts,
    prefs::{draft, forget},
};

#[component]
pub fn Branches(commune: i64, branches: Vec<UnitChild>, changed: Callback<()>) -> impl IntoView {
    let u = use_unit_texts();
    let all: Vec<UnitRef> = branches.iter().map(|b| b.unit.clone()).collect();
    view! {
        <section class="card branches">
            <h2>{u.branches}</h2>
            {branches.is_empty().then(|| view! { <p class="muted">{u.no_branches}</p> })}
            <ul class="board">
                {branches.into_iter().map(|branch| {
                    let others: Vec<UnitRef> = all.iter().filter(|b| b.id != branch.unit.id).cloned().collect();
                    view! { <BranchRow branch others changed /> }
                }).collect_view()}
            </ul>
            <AddBranch commune changed />
        </section>
    }
}

#[component]
fn BranchRow(branch: UnitChild, others: Vec<UnitRef>, changed: Callback<()>) -> impl IntoView {
    let u = use_unit_texts();
    let form = FormState::new();
    let id = branch.unit.id;
    let name = RwSignal::new(branch.unit.name.clone());
    let into = RwSignal::new(others.first().map_or(0, |b| b.id));
    let rename = move |event: SubmitEvent| {
        event.prevent_default();
        let request = RenameBranchRequest {
            name: name.get_untracked(),
        };
        form.send(
            async move { api::put::<_, UnitRef>(&format!("/api/units/{id}"), &request).await },
            move |_| changed.run(()),
        );
    };
    let merge = move |_| {
        if into.get_untracked() == 0 || !window().confirm_with_message(u.merge_confirm).unwrap_or(false) {
            return;
        }
        let request = MergeBranchRequest {
            into: into.get_untracked(),
        };
        form.send(
            async move { api::post::<_, ()>(&format!("/api/units/{id}/merge"), &request).await },
            move |()| changed.run(()),
        );
    };
    let remove = move |_| {
        if !window()
            .confirm_with_message(u.remove_branch_confirm)
            .unwrap_or(false)
        {
            return;
        }
        form.send(
            async move { api::delete(&format!("/api/units/{id}")).await },
            move |()| changed.run(()),
        );
    };
    let name_id = format!("branch-{id}-name");
    let into_id = format!("branch-{id}-into");
    let has_others = !others.is_empty();
    view! {
        <li>
            <A href=format!("/units/{id}")>{branch.unit.name}</A>
            <span class="muted">{branch.groups} " " {u.groups_count}</span>
            <details class="branch-edit">
                <summary>{u.edit_branch}</summary>
                <form class="form" on:submit=rename novalidate>
                    <Field id=name_id.clone() label=u.branch_name error=form.field("name")>
                        <input id=name_id.clone() type="text" bind:value=name aria-describedby=format!("{name_id}-error")
                            on:input=move |_| form.clear_field("name") />
                    </Field>
                    <button type="submit" class="button" disabled=move || form.busy.get()>{u.rename}</button>
                </form>
                {has_others.then(|| view! {
                    <Field id=into_id.clone() label=u.merge_into error=form.field("into") hint=u.merge_hint>
                        <select id=into_id.clone() aria-describedby=format!("{into_id}-error")
                            on:change:target=move |ev| into.set(ev.target().value().parse().unwrap_or(0))>
                            {others.into_iter().map(|b| view! { <option value=b.id.to_string()>{b.name}</option> }).collect_view()}
                        </select>
                    </Field>
                    <button type="button" class="button" on:click=merge disabled=move || form.busy.get()>{u.merge}</button>
                })}
                <button type="button" class="button ghost" on:click=remove disabled=move || form.busy.get()>{u.remove_branch}</button>
                <FormMessage form />
            </details>
        </li>
    }
}

#[component]
fn AddBranch(commune: i64, changed: Callback<()>) -> impl IntoView {
    let u = use_unit_texts();
    let form = FormState::new();
    let key = format!("draft.unit.{commune}.branch");
    let name = draft(key.clone());
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let request = CreateBranchRequest {
            name: name.get_untracked(),
        };
        form.clear();
        let key = key.clone();
        form.send(
            async move { api::post::<_, UnitRef>(&format!("/api/units/{commune}/branches"), &request).await },
            move |_| {
                forget(&key);
                name.set(String::new());
                changed.run(());
            },
        );
    };
    view! {
        <form class="form add-branch" on:submit=submit novalidate>
            <TextField id="name" label=u.new_branch value=name form />
            <FormMessage form />
            <button type="submit" class="button primary" disabled=move || form.busy.get()>{u.add_branch}</button>
        </form>
    }
}
