//! The group feed: posts, photos, reactions, comments, questions to the admin board.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, poll::NewPoll, wire_enum::wire_enum, ErrorCode};

pub const POST_MAX_CHARS: usize = 5000;
pub const COMMENT_MAX_CHARS: usize = 2000;
pub const MAX_PHOTOS: usize = 10;
pub const IDEMPOTENCY_KEY_MAX: usize = 64;
/// How far ahead the board may schedule a post.
pub const SCHEDULE_MAX_DAYS: i64 = 90;

wire_enum! {
    /// The categories the Hội's groups already use on Facebook.
    Category {
        HoiNews = "hoi_news",
        HealthBeauty = "health_beauty",
        ArtsSports = "arts_sports",
        FamilyChildren = "family_children",
        Law = "law",
        VocationStartup = "vocation_startup",
        RoleModels = "role_models",
        Entertainment = "entertainment",
    }
}

wire_enum! {
    PostKind {
        Post = "post",
        /// "Hỏi Ban quản trị": a question the admin board answers under the post.
        Question = "question",
        /// A question with 2–10 options the members vote on (`crate::poll`).
        Poll = "poll",
    }
}

wire_enum! {
    PostStatus {
        /// Waiting for the admin board.
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
        /// Deleted by its author or removed by the board.
        Removed = "removed",
        /// Written by the board for a later time: nobody else reads it before then.
        Scheduled = "scheduled",
    }
}

wire_enum! {
    /// Why a post waits for review: the author sees these, so she knows it is not lost.
    HoldReason {
        ApprovalRequired = "approval_required",
        Link = "link",
        Phone = "phone",
        MoneyWords = "money_words",
        NewMember = "new_member",
        Edited = "edited",
    }
}

wire_enum! {
    Reaction {
        Like = "like",
        Love = "love",
        Care = "care",
        Haha = "haha",
        Wow = "wow",
        Sad = "sad",
    }
}

impl Reaction {
    pub fn emoji(self) -> &'static str {
        match self {
            Reaction::Like => "👍",
            Reaction::Love => "❤️",
            Reaction::Care => "🥰",
            Reaction::Haha => "😆",
            Reaction::Wow => "😮",
            Reaction::Sad => "😢",
        }
    }
}

/// A stored photo: the display size is `/api/photos/{id}`, the thumbnail `/api/photos/{id}/thumb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: i64,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Author {
    pub user_id: i64,
    pub display_name: String,
    /// A member of the admin board: shown with the "Ban quản trị" badge.
    pub board: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerView {
    pub body: String,
    pub author: Author,
    #[serde(with = "crate::wire_time")]
    pub answered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReactionCount {
    pub kind: Reaction,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostView {
    pub id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub author: Author,
    pub kind: PostKind,
    pub category: Category,
    pub body: String,
    pub photos: Vec<PhotoView>,
    pub status: PostStatus,
    /// Why it waits (only shown to the author and the board).
    pub held_for: Vec<HoldReason>,
    /// The board's reason for rejecting or removing it, which the author sees.
    pub reason: Option<String>,
    pub pinned: bool,
    /// An announcement stays on top of the feed until then.
    #[serde(with = "crate::wire_time::option")]
    pub announcement_until: Option<DateTime<Utc>>,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
    /// When a scheduled post will appear (only its author and the board see it before).
    #[serde(default, with = "crate::wire_time::option")]
    pub publish_at: Option<DateTime<Utc>>,
    /// Set when the author changed the text after posting ("đã chỉnh sửa").
    #[serde(with = "crate::wire_time::option")]
    pub edited_at: Option<DateTime<Utc>>,
    pub answer: Option<AnswerView>,
    pub reactions: Vec<ReactionCount>,
    pub my_reaction: Option<Reaction>,
    pub comment_count: i64,
}

/// A feed page. `top` (pinned posts and live announcements) comes with the first page only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feed {
    pub top: Vec<PostView>,
    pub items: Vec<PostView>,
    pub next: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct FeedQuery {
    pub category: Option<Category>,
    /// Search words; diacritics and case do not matter.
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// A new post, or an edit of one (`kind` and `photo_ids` are kept on edit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostDraft {
    pub kind: PostKind,
    pub category: Category,
    pub body: String,
    /// Photos uploaded first with `POST /api/groups/{id}/photos`, in display order.
    #[serde(default)]
    pub photo_ids: Vec<i64>,
    /// Made by the phone once per draft: a send retried after a lost answer returns the post
    /// it already created instead of a second one.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// The board's post for a later time (Vietnam time on the form). A time already past
    /// (the send waited in the outbox) publishes it at once.
    #[serde(default, with = "crate::wire_time::option")]
    pub publish_at: Option<DateTime<Utc>>,
    /// The options and rules of a poll (`kind` is `poll`); the body is its question.
    #[serde(default)]
    pub poll: Option<NewPoll>,
}

impl PostDraft {
    /// The schedule's rule, shared by the form and the server: within [`SCHEDULE_MAX_DAYS`].
    /// Its code belongs to the field `publish_at`.
    pub fn check_schedule(&self, now: DateTime<Utc>) -> Result<(), ErrorCode> {
        match self.publish_at {
            Some(at) if at > now + chrono::Duration::days(SCHEDULE_MAX_DAYS) => {
                Err(ErrorCode::ScheduleTooFar)
            }
            _ => Ok(()),
        }
    }

    /// A poll's close comes after it appears (now, or its scheduled time). Its code belongs to
    /// the field `closes_at`.
    pub fn check_poll_close(&self, now: DateTime<Utc>) -> Result<(), ErrorCode> {
        match self.poll.as_ref().and_then(|poll| poll.closes_at) {
            Some(close) if close <= self.publish_at.unwrap_or(now).max(now) => {
                Err(ErrorCode::ClosesBeforeOpens)
            }
            _ => Ok(()),
        }
    }

    /// The trimmed text, or the field errors the form shows.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let body = self.body.trim();
        if body.is_empty() && self.photo_ids.is_empty() {
            errors.add("body", ErrorCode::Required);
        }
        if body.chars().count() > POST_MAX_CHARS {
            errors.add("body", ErrorCode::TextTooLong);
        }
        if self
            .idempotency_key
            .as_ref()
            .is_some_and(|k| k.len() > IDEMPOTENCY_KEY_MAX)
        {
            errors.add("idempotency_key", ErrorCode::TextTooLong);
        }
        if self.photo_ids.len() > MAX_PHOTOS {
            errors.add("photos", ErrorCode::TooManyPhotos);
        }
        // A new poll must bring its options (`create` checks it); an edit sends none.
        match (&self.poll, self.kind) {
            (Some(poll), PostKind::Poll) => poll.check_options(&mut errors),
            (Some(_), _) => errors.add("kind", ErrorCode::UnknownChoice),
            (None, _) => {}
        }
        if errors.is_empty() {
            Ok(body.to_owned())
        } else {
            Err(errors)
        }
    }
}

/// Checks a comment, reply, answer or reason: required and bounded. Shared by form and server.
pub fn check_text(text: &str, max_chars: usize) -> Result<String, ErrorCode> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(ErrorCode::Required),
        n if n > max_chars => Err(ErrorCode::TextTooLong),
        _ => Ok(text.to_owned()),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostDecision {
    pub approve: bool,
    pub reason: Option<String>,
}

/// Pins a post, or makes it an announcement shown on top for `announcement_days`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinRequest {
    pub pinned: bool,
    pub announcement_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextBody {
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReactRequest {
    pub kind: Reaction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reactor {
    pub user_id: i64,
    pub display_name: String,
    pub kind: Reaction,
}

/// Comments come flat, oldest first; a reply names its parent (one level only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author: Author,
    pub body: String,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewComment {
    pub body: String,
    pub parent_id: Option<i64>,
    /// As for posts: one per comment draft, so a retried send never comments twice.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Any member reports a post, or a comment on it, with a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagRequest {
    pub comment_id: Option<i64>,
    pub reason: String,
}
