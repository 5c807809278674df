//! "Đơn vị": the Hội's units for their cadres and advisors. `/units` lists the units she was
//! named to; `/units/:id` is a unit's page: its figures, its people (named and removed here by
//! phone), the units below it, its groups with the unverified first, and its change log.

mod branches;
mod people;
mod verify;

use hoi_api::units::{MyUnit, UnitLevel, UnitOverview};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api,
    components::form::loaded,
    i18n::units::use_unit_texts,
    pages::{groups::GroupCard, quiz::sign_in_first},
    session::use_session,
    time,
};
use branches::Branches;
use people::People;
use verify::Verify;

/// Her units, each with her role: where she was named, and the way to each unit's page.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let u = use_unit_texts();
    let session = use_session();
    let mine = api::fetched::<Vec<MyUnit>>(move || {
        session
            .me
            .with(|me| me.is_some().then(|| "/api/me/units".to_owned()))
    });
    move || {
        if session.known.get() && session.me.with(Option::is_none) {
            return sign_in_first("/units").into_any();
        }
        loaded(mine.get(), |mine| {
            view! {
                <section class="card">
                    <h1>{u.mine_title}</h1>
                    {mine.is_empty().then(|| view! { <p class="muted">{u.mine_none}</p> })}
                    <ul class="plain">
                        {mine.into_iter().map(|m| view! {
                            <li>
                                <A href=format!("/units/{}", m.unit.id)>{m.unit.place()}</A>
                                " " <span class="chip">{u.role(m.role)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
            .into_any()
        })
    }
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let session = use_session();
    let id = super::use_id_or_zero();
    // Read again after each change of its people.
    let version = RwSignal::new(0_u32);
    let overview = api::fetched::<UnitOverview>(move || {
        version.track();
        session
            .me
            .with(|me| me.is_some())
            .then(|| format!("/api/units/{}/overview", id.get()))
    });
    move || {
        if session.known.get() && session.me.with(Option::is_none) {
            return sign_in_first(&format!("/units/{}", id.get())).into_any();
        }
        loaded(overview.get(), |unit| {
            view! { <UnitView unit version /> }.into_any()
        })
    }
}

#[component]
fn UnitView(unit: UnitOverview, version: RwSignal<u32>) -> impl IntoView {
    let u = use_unit_texts();
    let above = unit
        .above
        .iter()
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join(" › ");
    let changed = Callback::new(move |()| version.update(|v| *v += 1));
    let manages_branches = unit.can_manage && unit.unit.level == UnitLevel::Commune;
    view! {
        <article class="unit">
            <header class="card">
                <h1>{unit.unit.name.clone()}</h1>
                {(!above.is_empty()).then(|| view! { <p class="muted">{u.above} ": " {above}</p> })}
                <p><strong>{unit.members}</strong> " " {u.members}</p>
                <p>
                    <strong>{unit.open_applications}</strong> " " {u.open_applications}
                    {(unit.can_manage && unit.open_applications > 0).then(|| view! {
                        " · " <A href="/hoi/applications">{u.see_applications}</A>
                    })}
                </p>
            </header>
            <People unit_id=unit.unit.id people=unit.people can_manage=unit.can_manage changed />
            {manages_branches.then(|| view! {
                <Branches commune=unit.unit.id branches=unit.children.clone() changed />
            })}
            // The units below as links; a commune's cadres manage its branches above instead.
            {(!(unit.children.is_empty() || manages_branches)).then(|| view! {
                <section class="card">
                    <h2>{u.children}</h2>
                    <ul class="plain">
                        {unit.children.into_iter().map(|child| view! {
                            <li>
                                <A href=format!("/units/{}", child.unit.id)>{child.unit.name}</A>
                                <span class="muted">" · " {child.groups} " " {u.groups_count}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section class="card">
                <h2>{u.groups}</h2>
                {unit.groups.is_empty().then(|| view! { <p class="muted">{u.no_groups}</p> })}
                <div class="group-list">
                    {unit.groups.into_iter().map(|group| {
                        let (id, verified) = (group.id, group.verified);
                        let verifiable = unit.verifiable.contains(&id);
                        view! {
                            <GroupCard group />
                            {verifiable.then(|| view! { <Verify id verified changed /> })}
                        }
                    }).collect_view()}
                </div>
            </section>
            <section class="card">
                <h2>{u.changes}</h2>
                {unit.changes.is_empty().then(|| view! { <p class="muted">{u.no_changes}</p> })}
                <ul class="plain changes">
                    {unit.changes.into_iter().map(|change| view! {
                        <li>
                            <span class="muted">{time::date_time(change.created_at)}</span> " "
                            <strong>{change.actor_name}</strong> " " {u.action(&change.action).to_owned()} " " {change.detail}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </article>
    }
}
