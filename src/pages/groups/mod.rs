//! The group directory, creating a group and its settings, a group's page with the join flow,
//! and the admin board's queue.

mod create;
mod directory;
mod fields;
mod members;
mod page;
mod requests;
mod settings;

pub use create::CreateGroupPage;
pub use directory::DirectoryPage;
pub use members::MembersPage;
pub use page::GroupPage;
pub use requests::RequestsPage;
pub use settings::GroupSettingsPage;

use hoi_api::groups::{GroupSummary, Privacy};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{group_setup::use_group_setup_texts, use_texts};

/// The group id in `/groups/:id/…` (0, which no group has, when it is not a number).
pub(crate) fn use_group_id() -> Memo<i64> {
    super::use_id_or_zero()
}

/// "Đã xác minh" for a group a Hội cadre verified; for any other, the warning that a member set
/// it up, so a scam group copying a Hội group's name is easy to tell apart.
fn verified_badge(verified: bool) -> AnyView {
    if verified {
        view! { <span class="badge verified">{use_texts().verified}</span> }.into_any()
    } else {
        view! { <span class="badge unverified">{use_group_setup_texts().unverified}</span> }.into_any()
    }
}

/// A group in a list: name, commune, members, badges, her status.
#[component]
pub fn GroupCard(group: GroupSummary) -> impl IntoView {
    let t = use_texts();
    let place = group.unit.place();
    let status = group.me.as_ref().map(|m| m.status);
    let closed = group.privacy == Privacy::Closed;
    view! {
        <A href=format!("/groups/{}", group.id) attr:class="group-card">
            <strong class="group-name">{group.name.clone()}</strong>
            {verified_badge(group.verified)}
            <span class="muted">{place}</span>
            <span class="muted">
                {group.member_count} " " {t.members} " · "
                {move || if closed { t.closed_group } else { t.public_group }}
            </span>
            {status.map(|s| view! { <span class="chip">{move || t.membership_status(s)}</span> })}
        </A>
    }
}
