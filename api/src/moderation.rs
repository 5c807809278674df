//! The admin board's queue: held posts, members' flags, unanswered questions, the rules that hold a
//! post, and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    feed::{Author, HoldReason, PostView},
    text::{fold_vietnamese, links, Segment},
    wire_enum::wire_enum,
};

wire_enum! {
    FlagAction {
        /// Takes the post or comment down.
        Remove = "remove",
        /// Nothing wrong: closes the flag.
        Dismiss = "dismiss",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagView {
    pub id: i64,
    pub post_id: i64,
    pub comment_id: Option<i64>,
    /// The reported text, so the admin decides without opening it.
    pub excerpt: String,
    pub author: Author,
    pub flagger_name: String,
    pub reason: String,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

/// Removes or dismisses; removing can also keep the author quiet for `mute_days`, or ban her.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagDecision {
    pub action: FlagAction,
    #[serde(default)]
    pub mute_days: Option<u32>,
    #[serde(default)]
    pub ban: bool,
}

/// Everything waiting for the board in one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Queue {
    pub posts: Vec<PostView>,
    pub flags: Vec<FlagView>,
    /// Published questions with no answer yet, oldest first (their age is `created_at`).
    pub questions: Vec<PostView>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardCounts {
    pub members: i64,
    pub posts: i64,
    pub flags: i64,
    pub questions: i64,
}

impl BoardCounts {
    pub fn total(&self) -> i64 {
        self.members + self.posts + self.flags + self.questions
    }
}

/// What holds a post for review in a group; every rule can be turned off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ModerationSettings {
    /// Members' posts wait for approval (admins' and moderators' never do).
    pub approve_posts: bool,
    pub hold_links: bool,
    pub hold_phones: bool,
    pub hold_money_words: bool,
    /// Posts by members who joined fewer days ago than this wait (0 turns it off).
    pub new_member_days: u32,
    /// Links to these domains (and their subdomains) do not hold a post.
    pub trusted_domains: Vec<String>,
    /// Phrases added to the built-in list of money and job-scam words.
    pub extra_words: Vec<String>,
}

impl Default for ModerationSettings {
    fn default() -> Self {
        ModerationSettings {
            approve_posts: true,
            hold_links: true,
            hold_phones: true,
            hold_money_words: true,
            new_member_days: 3,
            trusted_domains: ["hoilhpn.org.vn", "phunuvietnam.vn", "gov.vn", "chinhphu.vn"]
                .map(String::from)
                .to_vec(),
            extra_words: Vec::new(),
        }
    }
}

/// Scam phrases, folded: money transfers, deposits and "light work, high pay".
const MONEY_WORDS: &[&str] = &[
    "chuyen khoan",
    "chuyen tien",
    "so tai khoan",
    "stk",
    "nap tien",
    "dat coc",
    "vay tien",
    "vay nhanh",
    "hoa hong",
    "viec nhe luong cao",
    "lam tai nha thu nhap",
    "kiem tien online",
    "lai suat cao",
];

impl ModerationSettings {
    /// Why this text, by an author who joined `member_days` ago, waits for the board when the
    /// group's approval is off. Empty: it goes live.
    pub fn rule_holds(&self, text: &str, member_days: i64) -> Vec<HoldReason> {
        let mut reasons = Vec::new();
        if self.hold_links && self.untrusted_link(text) {
            reasons.push(HoldReason::Link);
        }
        if self.hold_phones && contains_phone_number(text) {
            reasons.push(HoldReason::Phone);
        }
        if self.hold_money_words && self.has_money_words(text) {
            reasons.push(HoldReason::MoneyWords);
        }
        if self.new_member_days > 0 && member_days < i64::from(self.new_member_days) {
            reasons.push(HoldReason::NewMember);
        }
        reasons
    }

    fn untrusted_link(&self, text: &str) -> bool {
        links(text).into_iter().any(|segment| match segment {
            Segment::Link { domain, .. } => !self
                .trusted_domains
                .iter()
                .any(|t| domain == *t || domain.ends_with(&format!(".{t}"))),
            Segment::Text(_) => false,
        })
    }

    fn has_money_words(&self, text: &str) -> bool {
        let folded = format!(" {} ", words_only(&fold_vietnamese(text)));
        MONEY_WORDS
            .iter()
            .map(|w| (*w).to_owned())
            .chain(self.extra_words.iter().map(|w| words_only(&fold_vietnamese(w))))
            .filter(|w| !w.is_empty())
            .any(|w| folded.contains(&format!(" {w} ")))
    }
}

/// Letters and digits separated by single spaces, so "Chuyển-khoản!!" matches "chuyen khoan".
fn words_only(folded: &str) -> String {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Vietnamese phone number anywhere in the text: 9–11 digits, maybe split by spaces, dots or
/// dashes ("0912.345.678", "+84 912 345 678").
pub fn contains_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut gap = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            gap = 0;
            if digits >= 9 {
                return true;
            }
        } else if matches!(c, ' ' | '.' | '-' | '+') && digits > 0 && gap == 0 {
            gap += 1;
        } else {
            digits = 0;
            gap = 0;
        }
    }
    false
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub actor_name: String,
    /// e.g. `post.approved`, `comment.removed`, `member.muted`.
    pub action: String,
    pub target_id: Option<i64>,
    pub detail: String,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

wire_enum! {
    NotificationKind {
        PostApproved = "post_approved",
        PostRejected = "post_rejected",
        PostRemoved = "post_removed",
        /// The board commented on her pending post.
        BoardComment = "board_comment",
        QuestionAnswered = "question_answered",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub post_id: i64,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approval_off() -> ModerationSettings {
        ModerationSettings {
            approve_posts: false,
            ..ModerationSettings::default()
        }
    }

    #[test]
    fn holds_unknown_links_but_not_trusted_ones() {
        let rules = approval_off();
        assert_eq!(
            rules.rule_holds("Xem tại https://la-lung.xyz/abc nhé", 30),
            [HoldReason::Link]
        );
        assert!(rules
            .rule_holds("Tin mới: https://www.hoilhpn.org.vn/tin-tuc", 30)
            .is_empty());
        assert!(rules.rule_holds("Lịch họp chi hội 15/12 lúc 8.30", 30).is_empty());
    }

    #[test]
    fn holds_phone_numbers_money_words_and_newcomers() {
        let rules = approval_off();
        assert_eq!(rules.rule_holds("Gọi 0912.345.678 nhé", 30), [HoldReason::Phone]);
        assert_eq!(
            rules.rule_holds("Tuyển cộng tác viên VIỆC NHẸ LƯƠNG CAO!", 30),
            [HoldReason::MoneyWords]
        );
        assert_eq!(
            rules.rule_holds("Chị em nhớ chuyển-khoản trước nha", 30),
            [HoldReason::MoneyWords]
        );
        assert_eq!(rules.rule_holds("Chào cả nhà", 1), [HoldReason::NewMember]);
        assert!(rules.rule_holds("Năm 2025 chi hội có 45 hội viên", 30).is_empty());
    }
}
