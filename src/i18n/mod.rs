//! Every string the app shows, in one place: Vietnamese first, English by a switch.
//!
//! Each language is one `Texts` value, so the compiler refuses a string missing in either.
//!
//! An enum becomes words one way: a method of its feature's texts (`t.role(r)`,
//! `t.membership_status(s)`, `q.phase(p)`), never a `match` in a page. Error codes become words
//! through [`error_text`], from the table in the contract crate's `error_words.rs`.

use hoi_api::{
    feed::{Category, HoldReason, PostStatus, Reaction},
    groups::{MembershipStatus, Role},
    moderation::NotificationKind,
    ErrorCode,
};
use leptos::prelude::*;

use crate::prefs;

pub mod account;
pub mod compose;
mod en;
pub mod english;
pub mod group;
pub mod group_setup;
pub mod hoi;
pub mod members;
pub mod phone;
pub mod photo_contest;
pub mod poll;
pub mod post;
pub mod queue;
pub mod quiz;
pub mod report;
pub mod schedule;
pub mod survey;
pub mod todo;
pub mod units;
mod vi;

pub use vi::VI;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

pub struct Texts {
    pub app_name: &'static str,
    pub cover: &'static str,
    pub remove_cover: &'static str,
    pub tagline: &'static str,
    pub tab_feed: &'static str,
    pub tab_contests: &'static str,
    pub tab_surveys: &'static str,
    pub tab_join_hoi: &'static str,
    pub tab_me: &'static str,
    pub switch_group: &'static str,
    pub welcome_lead: &'static str,
    pub find_group: &'static str,
    pub register: &'static str,
    pub login: &'static str,
    pub my_groups: &'static str,
    pub no_groups_yet: &'static str,
    pub register_title: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub password_label: &'static str,
    pub password_hint: &'static str,
    pub show_password: &'static str,
    pub register_submit: &'static str,
    pub register_privacy: &'static str,
    pub have_account: &'static str,
    pub no_account: &'static str,
    pub login_title: &'static str,
    pub login_submit: &'static str,
    pub forgot_password: &'static str,
    pub send_code: &'static str,
    pub code_sent: &'static str,
    pub code_label: &'static str,
    pub home_unit_label: &'static str,
    pub province_label: &'static str,
    pub choose_province: &'static str,
    pub commune_label: &'static str,
    pub commune_search_hint: &'static str,
    pub overseas_label: &'static str,
    pub hoi_member_label: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub members: &'static str,
    pub verified: &'static str,
    pub public_group: &'static str,
    pub closed_group: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub status_declined: &'static str,
    pub load_more: &'static str,
    pub no_results: &'static str,
    pub group_board: &'static str,
    pub share: &'static str,
    pub members_title: &'static str,
    pub approve: &'static str,
    pub cancel: &'static str,
    pub network_error: &'static str,
    pub retry: &'static str,
    /// A page whose chunk could not be fetched.
    pub page_failed: &'static str,
    /// The shell's notice while answers come from the phone's cache.
    pub offline_banner: &'static str,
    /// A comment or post of hers that waits in the outbox.
    /// Her posts in this group that wait in the outbox, and what happens to them.
    /// The Tôi tab's offer to install the app on the phone's home screen.
    pub loading: &'static str,
    pub back_to_group: &'static str,
    pub just_now: &'static str,
    pub minutes_ago: &'static str,
    pub hours_ago: &'static str,
    pub days_ago: &'static str,
    pub role_admin: &'static str,
    pub role_moderator: &'static str,
    pub role_advisor: &'static str,
    pub role_member: &'static str,
    pub write_post: &'static str,
    pub ask_board: &'static str,
    pub kind_post: &'static str,
    pub category_label: &'static str,
    pub all_categories: &'static str,
    pub body_label: &'static str,
    pub remove_photo: &'static str,
    pub post_pending: &'static str,
    pub post_rejected: &'static str,
    pub post_removed: &'static str,
    pub post_scheduled: &'static str,
    pub edited: &'static str,
    pub pinned: &'static str,
    pub announcement: &'static str,
    pub board_answer: &'static str,
    pub unanswered: &'static str,
    pub comments_label: &'static str,
    pub new_posts: &'static str,
    pub refresh: &'static str,
    pub search_posts: &'static str,
    pub queue_title: &'static str,
    pub leave_title: &'static str,
    pub leave_lead: &'static str,
    pub leave_continue: &'static str,
    pub go_back: &'static str,
    pub no_posts: &'static str,
    pub notifications_title: &'static str,
    /// The audit log's action codes, as the board reads them.
    pub audit_actions: [(&'static str, &'static str); 14],
    pub categories: [&'static str; 8],
    pub reactions: [&'static str; 6],
    pub hold_reasons: [&'static str; 6],
    pub notification_kinds: [&'static str; 5],
}

impl Texts {
    /// Her membership of a group, as her group card and the group page say it.
    pub fn membership_status(&self, status: MembershipStatus) -> &'static str {
        match status {
            MembershipStatus::Pending => self.status_pending,
            MembershipStatus::Active => self.status_active,
            MembershipStatus::Declined | MembershipStatus::Banned => self.status_declined,
        }
    }

    /// A post's state on its card; nothing for a published post.
    pub fn post_status(&self, status: PostStatus) -> Option<&'static str> {
        match status {
            PostStatus::Published => None,
            PostStatus::Pending => Some(self.post_pending),
            PostStatus::Rejected => Some(self.post_rejected),
            PostStatus::Removed => Some(self.post_removed),
            PostStatus::Scheduled => Some(self.post_scheduled),
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Moderator => self.role_moderator,
            Role::Advisor => self.role_advisor,
            Role::Member => self.role_member,
        }
    }

    pub fn category(&self, category: Category) -> &'static str {
        self.categories[position(Category::ALL, category)]
    }

    pub fn reaction(&self, reaction: Reaction) -> &'static str {
        self.reactions[position(Reaction::ALL, reaction)]
    }

    pub fn hold(&self, reason: HoldReason) -> &'static str {
        self.hold_reasons[position(HoldReason::ALL, reason)]
    }

    /// An audit action in words, or its code when it is new.
    pub fn audit_action<'a>(&self, code: &'a str) -> &'a str {
        self.audit_actions
            .iter()
            .find(|(known, _)| *known == code)
            .map_or(code, |(_, words)| words)
    }

    pub fn notification(&self, kind: NotificationKind) -> &'static str {
        self.notification_kinds[position(NotificationKind::ALL, kind)]
    }
}

/// Where a value sits in its enum's `ALL`, which the text arrays follow.
fn position<T: PartialEq + Copy>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).unwrap_or(0)
}

const LANG_KEY: &str = "hoi.lang";

/// The chosen language, shared by the whole app.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// Starts in Vietnamese; a phone that chose English switches as soon as English arrives.
    pub fn provide() -> I18n {
        let i18n = I18n(RwSignal::new(Lang::Vi));
        provide_context(i18n);
        if prefs::load(LANG_KEY).as_deref() == Some("en") {
            i18n.set(Lang::En);
        }
        i18n
    }

    /// Switches the app's language, fetching English first when it is not here yet (it stays
    /// Vietnamese when English cannot be fetched, offline say).
    pub fn set(self, lang: Lang) {
        leptos::task::spawn_local(async move {
            if lang == Lang::En && !english::load().await {
                return;
            }
            prefs::save(LANG_KEY, if lang == Lang::En { "en" } else { "vi" });
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", if lang == Lang::En { "en" } else { "vi" });
            }
            self.0.set(lang);
        });
    }
}

/// The texts of the current language. Read once, not tracked: switching language re-mounts the
/// app (see `App`), so pages hold plain strings instead of one reactive closure per string,
/// which would cost the phone tens of kilobytes of wasm.
pub fn use_texts() -> &'static Texts {
    texts(use_lang())
}

/// The language she reads the app in, read once (Vietnamese outside the app's context).
pub fn use_lang() -> Lang {
    use_context::<I18n>()
        .map(|i| i.0.get_untracked())
        .unwrap_or(Lang::Vi)
}

/// A feature's texts in her language: every `use_*_texts` of a page's chunk picks this way.
pub fn pick<T>(vi: &'static T, en: &'static T) -> &'static T {
    match use_lang() {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The texts of `lang`; Vietnamese until English has arrived (see [`english`]).
pub fn texts(lang: Lang) -> &'static Texts {
    match (lang, english::get()) {
        (Lang::En, Some(english)) => english.texts,
        _ => &VI,
    }
}

/// An error code as the person reads it. Vietnamese comes from the contract crate, where the
/// server takes its fallback messages too.
pub fn error_text(lang: Lang, code: ErrorCode, retry_minutes: Option<u32>) -> String {
    if code == ErrorCode::RateLimited {
        if let Some(minutes) = retry_minutes {
            return match lang {
                Lang::Vi => format!("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút."),
                Lang::En => format!("Too many tries. Please try again in {minutes} minutes."),
            };
        }
    }
    match (lang, english::get()) {
        (Lang::En, Some(english)) => (english.error)(code).to_owned(),
        _ => code.message_vi().to_owned(),
    }
}
