//! The member list for the admin board: roles, and a temporary password for a member who forgot
//! hers (older members do; the admin reads it out over the phone).

use hoi_api::{
    account::TemporaryPassword,
    groups::{GroupDetail, MemberView, MembershipStatus, Role, SetRoleRequest},
    Page,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::A;

use crate::{
    api,
    components::{form::FormMessage, FormState},
    i18n::{members::use_members_texts, use_texts},
};

#[component]
pub fn MembersPage() -> impl IntoView {
    let t = use_texts();
    let id = super::use_group_id().get_untracked();
    let members = RwSignal::new(Vec::<MemberView>::new());
    let next = RwSignal::new(None::<String>);
    let is_admin = RwSignal::new(false);
    let form = FormState::new();
    let load = move |cursor: Option<String>| {
        spawn_local(async move {
            let mut path = format!("/api/groups/{id}/members?limit=50");
            if let Some(cursor) = &cursor {
                path.push_str(&format!("&cursor={cursor}"));
            }
            match api::get::<Page<MemberView>>(&path).await {
                Ok(page) => {
                    members.update(|list| list.extend(page.items));
                    next.set(page.next);
                }
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    spawn_local(async move {
        if let Ok(group) = api::get::<GroupDetail>(&format!("/api/groups/{id}")).await {
            let me = group.summary.me;
            is_admin.set(me.is_some_and(|m| m.status == MembershipStatus::Active && m.role == Role::Admin));
        }
    });
    load(None);
    view! {
        <h1>{t.members_title}</h1>
        <A href=format!("/groups/{id}") attr:class="link">{t.back_to_group}</A>
        <FormMessage form />
        <ul class="requests">
            <For each=move || members.get() key=|m| m.user_id let:member>
                <MemberCard group=id member is_admin />
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="button" on:click=move |_| load(next.get_untracked())>{t.load_more}</button>
        </Show>
    }
}

#[component]
fn MemberCard(group: i64, member: MemberView, is_admin: RwSignal<bool>) -> impl IntoView {
    let t = use_texts();
    let mt = use_members_texts();
    let user = member.user_id;
    let role = RwSignal::new(member.role);
    let temporary = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let form = FormState::new();
    let place = member
        .home_unit
        .map(|u| u.name)
        .unwrap_or_else(|| mt.no_home_unit.to_owned());
    let set_role = move |value: String| {
        let Some(new_role) = Role::parse(&value) else {
            return;
        };
        spawn_local(async move {
            let body = SetRoleRequest { role: new_role };
            match api::put::<_, ()>(&format!("/api/groups/{group}/members/{user}/role"), &body).await {
                Ok(()) => role.set(new_role),
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    let reset = move |_| {
        confirming.set(false);
        spawn_local(async move {
            let path = format!("/api/groups/{group}/members/{user}/password-reset");
            match api::post::<_, TemporaryPassword>(&path, &()).await {
                Ok(reply) => temporary.set(Some(reply.temporary_password)),
                Err(failure) => form.show_failure(failure),
            }
        });
    };
    let roles = [Role::Member, Role::Moderator, Role::Admin, Role::Advisor];
    view! {
        <li class="card request">
            <p class="who"><strong>{member.display_name}</strong></p>
            <p class="muted">{place}</p>
            <p>
                <span class="chip" class:ok=member.hoi_member>{if member.hoi_member { mt.hoi_member_yes } else { mt.hoi_member_no }}</span>
                <span class="chip">{move || t.role(role.get())}</span>
            </p>
            <Show when=move || is_admin.get()>
                <div class="field">
                    <label for=format!("role-{user}")>{mt.role_label}</label>
                    <select id=format!("role-{user}") on:change:target=move |ev| set_role(ev.target().value())>
                        {roles.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || role.get() == r>{t.role(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || role.get() == Role::Member>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button ghost" on:click=move |_| confirming.set(true)>{mt.reset_password}</button>
                        }
                    >
                        <p class="notice">{mt.reset_confirm}</p>
                        <div class="actions">
                            <button type="button" class="button danger" on:click=reset>{mt.reset_password}</button>
                            <button type="button" class="button ghost" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                        </div>
                    </Show>
                </Show>
            </Show>
            {move || temporary.get().map(|password| view! {
                <p class="notice" role="status">{mt.temporary_password} " " <strong class="temporary">{password}</strong></p>
            })}
            <FormMessage form />
        </li>
    }
}
