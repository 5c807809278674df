//! Every string the app shows, in one place: Vietnamese first, English by a switch.
//!
//! Each language is one `Texts` value, so the compiler refuses a string missing in either.

use hoi_api::{
    feed::{Category, HoldReason, Reaction},
    groups::Role,
    moderation::NotificationKind,
    ErrorCode,
};
use leptos::prelude::*;

use crate::prefs;

pub mod contest;
mod en;
pub mod hoi;
pub mod quiz;
pub mod report;
#[cfg(feature = "surveys")]
pub mod survey;
mod vi;

pub use en::EN;
pub use vi::VI;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

pub struct Texts {
    pub app_name: &'static str,
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
    pub logout: &'static str,
    pub logout_all: &'static str,
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
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub send_code: &'static str,
    pub code_sent: &'static str,
    pub code_label: &'static str,
    pub new_password_label: &'static str,
    pub reset_submit: &'static str,
    pub profile_title: &'static str,
    pub home_unit_label: &'static str,
    pub province_label: &'static str,
    pub choose_province: &'static str,
    pub commune_label: &'static str,
    pub commune_search_hint: &'static str,
    pub overseas_label: &'static str,
    pub hoi_member_label: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub settings_title: &'static str,
    pub large_text_label: &'static str,
    pub language_label: &'static str,
    pub groups_title: &'static str,
    pub search_groups_hint: &'static str,
    pub members: &'static str,
    pub verified: &'static str,
    pub public_group: &'static str,
    pub closed_group: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub status_declined: &'static str,
    pub load_more: &'static str,
    pub no_results: &'static str,
    pub group_about: &'static str,
    pub group_rules: &'static str,
    pub group_board: &'static str,
    pub join_title: &'static str,
    pub join_lead: &'static str,
    pub join_submit: &'static str,
    pub join_pending: &'static str,
    pub withdraw: &'static str,
    pub joined: &'static str,
    pub declined_reason: &'static str,
    pub login_to_join: &'static str,
    pub invite_title: &'static str,
    pub invite_lead: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub review_requests: &'static str,
    pub requests_title: &'static str,
    pub members_title: &'static str,
    pub role_label: &'static str,
    pub reset_password: &'static str,
    pub reset_confirm: &'static str,
    pub temporary_password: &'static str,
    pub requests_empty: &'static str,
    pub approve: &'static str,
    pub decline: &'static str,
    pub decline_reason_label: &'static str,
    pub confirm_decline: &'static str,
    pub cancel: &'static str,
    pub hoi_member_yes: &'static str,
    pub hoi_member_no: &'static str,
    pub overseas_tag: &'static str,
    pub no_home_unit: &'static str,
    pub read_only_note: &'static str,
    pub network_error: &'static str,
    pub retry: &'static str,
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
    pub kind_label: &'static str,
    pub kind_post: &'static str,
    pub kind_question: &'static str,
    pub category_label: &'static str,
    pub all_categories: &'static str,
    pub body_label: &'static str,
    pub body_hint: &'static str,
    pub add_photos: &'static str,
    pub photos_hint: &'static str,
    pub remove_photo: &'static str,
    pub uploading: &'static str,
    pub publish: &'static str,
    pub sent_published: &'static str,
    pub sent_waiting: &'static str,
    pub post_pending: &'static str,
    pub post_rejected: &'static str,
    pub post_removed: &'static str,
    pub edited: &'static str,
    pub pinned: &'static str,
    pub announcement: &'static str,
    pub board_answer: &'static str,
    pub unanswered: &'static str,
    pub comments_label: &'static str,
    pub comment_hint: &'static str,
    pub reply: &'static str,
    pub send: &'static str,
    pub report: &'static str,
    pub report_reason: &'static str,
    pub reported: &'static str,
    pub delete: &'static str,
    pub edit: &'static str,
    pub new_posts: &'static str,
    pub refresh: &'static str,
    pub search_posts: &'static str,
    pub my_waiting: &'static str,
    pub who_reacted: &'static str,
    pub queue_title: &'static str,
    pub queue_posts: &'static str,
    pub queue_reports: &'static str,
    pub queue_questions: &'static str,
    pub queue_members: &'static str,
    pub queue_empty: &'static str,
    pub reject: &'static str,
    pub reason_label: &'static str,
    pub note_to_author: &'static str,
    pub remove: &'static str,
    pub dismiss: &'static str,
    pub remove_and_mute: &'static str,
    pub remove_and_ban: &'static str,
    pub pin: &'static str,
    pub unpin: &'static str,
    pub announce: &'static str,
    pub answer_submit: &'static str,
    pub audit_title: &'static str,
    pub leave_title: &'static str,
    pub leave_lead: &'static str,
    pub leave_continue: &'static str,
    pub go_back: &'static str,
    pub no_posts: &'static str,
    pub notifications_title: &'static str,
    pub reported_comment: &'static str,
    pub reported_by: &'static str,
    pub asked: &'static str,
    pub open_post: &'static str,
    pub confirm_delete: &'static str,
    pub rules_title: &'static str,
    pub rule_approve: &'static str,
    pub rule_links: &'static str,
    pub rule_phones: &'static str,
    pub rule_money: &'static str,
    pub rule_new_member_days: &'static str,
    pub rule_domains: &'static str,
    pub rule_words: &'static str,
    /// The audit log's action codes, as the board reads them.
    pub audit_actions: [(&'static str, &'static str); 14],
    pub categories: [&'static str; 8],
    pub reactions: [&'static str; 6],
    pub hold_reasons: [&'static str; 6],
    pub notification_kinds: [&'static str; 5],
}

impl Texts {
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
    pub fn provide() -> I18n {
        let lang = if prefs::load(LANG_KEY).as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Vi
        };
        let i18n = I18n(RwSignal::new(lang));
        provide_context(i18n);
        i18n
    }

    pub fn set(self, lang: Lang) {
        prefs::save(LANG_KEY, if lang == Lang::En { "en" } else { "vi" });
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", if lang == Lang::En { "en" } else { "vi" });
        }
        self.0.set(lang);
    }
}

/// The texts of the current language. Read once, not tracked: switching language re-mounts the
/// app (see `App`), so pages hold plain strings instead of one reactive closure per string,
/// which would cost the phone tens of kilobytes of wasm.
pub fn use_texts() -> &'static Texts {
    texts(
        use_context::<I18n>()
            .map(|i| i.0.get_untracked())
            .unwrap_or(Lang::Vi),
    )
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
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
    match lang {
        Lang::Vi => code.message_vi().to_owned(),
        Lang::En => english_error(code).to_owned(),
    }
}

fn english_error(code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match code {
        MalformedJson => "The request was not understood.",
        PayloadTooLarge => "That is too large to send.",
        ValidationFailed => "Please check the marked fields.",
        Unauthenticated => "Please log in to continue.",
        Forbidden => "You are not allowed to do this.",
        NotFound => "This could not be found.",
        Conflict => "This could not be done because something changed.",
        RateLimited => "Too many tries. Please try again later.",
        WrongCredentials => "Wrong phone number or password.",
        Internal => "Something went wrong. Please try again later.",
        Required => "Please fill this in.",
        InvalidPhone => "Not a valid number. Enter a Vietnamese mobile number, e.g. 0912 345 678.",
        PhoneTaken => "This number is already registered. Please log in.",
        PasswordTooShort => "The password needs at least 8 characters.",
        PasswordTooLong => "The password is too long (at most 128 characters).",
        PasswordTooCommon => "This password is too easy to guess. Choose another.",
        NameTooShort => "The name is too short.",
        NameTooLong => "The name is too long.",
        TextTooLong => "The text is too long.",
        TooManyQuestions => "A group may ask at most 3 questions.",
        AnswerRequired => "Please answer this question.",
        UnknownUnit => "This commune/ward was not found.",
        InvalidCode => "The code is wrong or has expired.",
        AlreadyMember => "You are already a member of this group.",
        RequestPending => "Your request is waiting for approval.",
        Banned => "You cannot join this group.",
        TooManyPhotos => "A post can have at most 10 photos.",
        NotAnImage => "This file is not a photo. Only JPEG, PNG or WebP.",
        PhotoTooLarge => "The photo is too large (at most 10 MB).",
        PhotoTooManyPixels => "The photo's resolution is too high (at most 40 megapixels).",
        UnknownPhoto => "An uploaded photo was not found. Please choose it again.",
        Muted => "You cannot post or comment in this group for now.",
        NotAQuestion => "This post is not a question to the board.",
        InvalidDate => "Not a valid date. Choose your day, month and year of birth.",
        TooYoung => "Members must be 18 or older.",
        UnknownChoice => "Please choose an item from the list.",
        ConsentRequired => "The Union can only process the application with this consent.",
        SensitiveNeedsConsent => {
            "You filled in ethnicity or religion: tick the consent, or leave both empty."
        }
        ConsentOutdated => "The consent text has just changed. Please reload the page and read it again.",
        ApplicationOpen => "This phone number already has an application being processed.",
        ApplicationClosed => "This application has been decided and can no longer change.",
        OutOfRange => "That number is outside the allowed range.",
        ClosesBeforeOpens => "The closing time must come after the opening time.",
        TooFewOptions => "Each question needs at least 2 options, none left empty.",
        CorrectOptionRequired => "Mark the correct answer (exactly one for a single-choice question).",
        AudienceRequired => "Choose at least one group or unit that may take part.",
        QuizNotOpen => "This quiz has not opened yet.",
        QuizClosed => "This quiz has closed.",
        QuizStarted => "Someone has already taken this quiz, so its paper can no longer change.",
        TimeUp => "Time is up. Your paper was submitted with the answers saved before time ran out.",
        NoAttemptsLeft => "You have used all your attempts.",
        NotEligible => "This quiz is for members of other groups or units.",
        UnknownQuestion => "That question is not on your paper.",
        QuizNotClosed => "The quiz has not closed, so there is no ranking yet.",
        EntriesClosed => "The contest no longer takes entries.",
        NoEntriesLeft => "You have sent as many entries as the contest allows.",
        VotingClosed => "The contest is not in its voting time.",
        VoteLimitReached => "You have used today's votes. You can vote again tomorrow.",
        VotingEndsBeforeEntries => "Voting must end after entries close.",
        AccountNotFound => "No account has this phone number yet.",
        ResultsHidden => "Results stay hidden until the contest closes.",
        NotAJudge => "You are not on this contest's jury.",
        TooManyChoices => "You ticked more options than allowed.",
        QuestionHidden => "This question does not apply after your answer above. Leave it empty.",
        AlreadyResponded => "You have already answered this survey. Thank you!",
        SurveyNotOpen => "The survey is not open yet.",
        SurveyClosed => "The survey has closed.",
        SurveyAnswered => "People have answered already: only wording and the closing time can change, not questions, options or conditions.",
        InvalidPeriod => "The end date must be on or after the start date, within 366 days.",
    }
}
