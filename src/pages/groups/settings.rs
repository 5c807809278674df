//! "Cài đặt nhóm" for a group's admins: its name, texts, questions and privacy, closing it to new
//! members for a while, and the way to hand over or share the admin role. An edit is kept on the
//! phone until it is saved; a field she did not touch follows the server.

use hoi_api::groups::{ArchiveRequest, GroupDetail, MembershipStatus, Role, UpdateGroupRequest};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use super::fields::{GroupFields, GroupFieldsForm};
use crate::{
    api,
    components::{
        form::{waiting, FormMessage},
        FormState,
    },
    i18n::{group_setup::use_group_setup_texts, use_texts},
    pages::quiz::sign_in_first,
    prefs::{draft_over, forget},
    session::use_session,
};

#[component]
pub fn GroupSettingsPage() -> impl IntoView {
    let session = use_session();
    let id = super::use_group_id();
    let group = api::fetched::<GroupDetail>(move || {
        session.me.track();
        session.known.get().then(|| format!("/api/groups/{}", id.get()))
    });
    move || {
        if session.known.get() && session.me.with(Option::is_none) {
            return sign_in_first(&format!("/groups/{}/settings", id.get())).into_any();
        }
        match group.get() {
            None => waiting(None),
            Some(Err(failure)) => waiting(Some(failure)),
            Some(Ok(detail)) => {
                let admin = detail
                    .summary
                    .me
                    .as_ref()
                    .is_some_and(|m| m.status == MembershipStatus::Active && m.role == Role::Admin);
                if admin {
                    view! { <SettingsForm detail /> }.into_any()
                } else {
                    view! { <p class="card notice">{use_group_setup_texts().only_admins}</p> }.into_any()
                }
            }
        }
    }
}

#[component]
fn SettingsForm(detail: GroupDetail) -> impl IntoView {
    let t = use_texts();
    let g = use_group_setup_texts();
    let navigate = use_navigate();
    let session = use_session();
    let form = FormState::new();
    let id = detail.summary.id;
    let key = format!("draft.group.{id}");
    let fields = GroupFields::kept(&key, |part| match part {
        "name" => detail.summary.name.clone(),
        "description" => detail.description.clone(),
        "rules" => detail.rules.clone(),
        "privacy" => detail.summary.privacy.as_str().to_owned(),
        "cover" => detail.cover_id.map(|id| id.to_string()).unwrap_or_default(),
        question => question
            .strip_prefix('q')
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| detail.questions.get(i).cloned())
            .unwrap_or_default(),
    });
    // "1" while closed to new members; kept like the texts.
    let paused = draft_over(
        format!("{key}.paused"),
        if detail.joining_paused { "1" } else { "" }.to_owned(),
    );

    let submit = {
        let fields = fields.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if form.busy.get_untracked() {
                return;
            }
            let request = UpdateGroupRequest {
                name: fields.name.get_untracked(),
                description: fields.description.get_untracked(),
                rules: fields.rules.get_untracked(),
                questions: fields.questions(),
                privacy: fields.privacy(),
                joining_paused: !paused.get_untracked().is_empty(),
                cover_id: fields.cover(),
            };
            if let Err(errors) = request.validate() {
                form.show_local(errors);
                return;
            }
            form.clear();
            let navigate = navigate.clone();
            let key = key.clone();
            form.send(
                async move { api::put::<_, GroupDetail>(&format!("/api/groups/{id}"), &request).await },
                move |_| {
                    for part in GroupFields::parts().chain(["paused".to_owned()]) {
                        forget(&format!("{key}.{part}"));
                    }
                    session.groups_version.update(|v| *v += 1);
                    navigate(&format!("/groups/{id}"), Default::default());
                },
            );
        }
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h1>{g.settings}</h1>
            <p class="muted">{detail.summary.name.clone()} " · " {detail.summary.unit.place()}</p>
            <GroupFieldsForm fields form />
            <fieldset class="choice">
                <legend>{g.new_members}</legend>
                <label>
                    <input type="checkbox" id="joining-paused" prop:checked=move || !paused.get().is_empty()
                        on:change:target=move |ev| paused.set(if ev.target().checked() { "1".to_owned() } else { String::new() }) />
                    <span><strong>{g.pause}</strong><br /><span class="muted">{g.pause_hint}</span></span>
                </label>
            </fieldset>
            <FormMessage form />
            <button type="submit" class="button primary big" disabled=move || form.busy.get()>{g.save_settings}</button>
            <p class="hint">{g.edits_kept}</p>
        </form>
        <section class="card">
            <h2>{g.admins_title}</h2>
            <p>{g.admins_hint}</p>
            <A href=format!("/groups/{id}/members") attr:class="button">{t.members_title}</A>
        </section>
        <EndGroup id archived=detail.archived />
    }
}

/// "Kết thúc nhóm": archive a group (read only) or open it again; delete one where nothing
/// happened. Each asks first: one stray tap must not end a group.
#[component]
fn EndGroup(id: i64, archived: bool) -> impl IntoView {
    let g = use_group_setup_texts();
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let archive = move |_| {
        let confirm = if archived {
            g.reopen_confirm
        } else {
            g.archive_confirm
        };
        if !window().confirm_with_message(confirm).unwrap_or(false) {
            return;
        }
        let request = ArchiveRequest { archived: !archived };
        let navigate = navigate.clone();
        form.send(
            async move { api::put::<_, ()>(&format!("/api/groups/{id}/archive"), &request).await },
            move |()| {
                session.groups_version.update(|v| *v += 1);
                navigate(&format!("/groups/{id}"), Default::default());
            },
        );
    };
    let navigate = use_navigate();
    let delete = move |_| {
        if !window().confirm_with_message(g.delete_confirm).unwrap_or(false) {
            return;
        }
        let navigate = navigate.clone();
        form.send(
            async move { api::delete(&format!("/api/groups/{id}")).await },
            move |()| {
                session.groups_version.update(|v| *v += 1);
                navigate("/groups", Default::default());
            },
        );
    };
    view! {
        <section class="card danger">
            <h2>{g.end_title}</h2>
            <p>{if archived { g.archived_hint } else { g.end_hint }}</p>
            <button type="button" class="button" disabled=move || form.busy.get() on:click=archive>
                {if archived { g.reopen } else { g.archive }}
            </button>
            <button type="button" class="button danger" disabled=move || form.busy.get() on:click=delete>{g.delete}</button>
            <FormMessage form />
        </section>
    }
}
