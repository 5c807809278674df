//! Polls ("Bình chọn"): a post of kind `poll` whose body is the question, with 2–10 options,
//! one choice or several, an optional close, and results shown after she votes or only after
//! the close (the author picks). One ballot per member, changeable until the close.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, wire_enum::wire_enum, ErrorCode};

pub const POLL_MIN_OPTIONS: usize = 2;
pub const POLL_MAX_OPTIONS: usize = 10;
pub const POLL_OPTION_MAX_CHARS: usize = 100;

wire_enum! {
    /// When the members see the counts.
    PollResults {
        /// Once she has voted (and to everyone after the close).
        AfterVote = "after_vote",
        /// Only after the close, so early counts sway nobody.
        AfterClose = "after_close",
    }
}

/// A poll's options and rules, sent with its post (`PostDraft.poll`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPoll {
    pub options: Vec<String>,
    /// Several choices allowed.
    #[serde(default)]
    pub multiple: bool,
    /// No votes after; none for a poll open as long as its post.
    #[serde(default, with = "crate::wire_time::option")]
    pub closes_at: Option<DateTime<Utc>>,
    pub results: PollResults,
}

impl NewPoll {
    /// The options' rules, shared by the form and the server: 2–10, none empty, each short.
    /// Every problem is the field `options`'s.
    pub fn check_options(&self, errors: &mut FieldErrors) {
        if self.options.len() > POLL_MAX_OPTIONS {
            errors.add("options", ErrorCode::TooManyOptions);
        }
        if self.options.len() < POLL_MIN_OPTIONS || self.options.iter().any(|o| o.trim().is_empty()) {
            errors.add("options", ErrorCode::TooFewOptions);
        }
        if self
            .options
            .iter()
            .any(|o| o.trim().chars().count() > POLL_OPTION_MAX_CHARS)
        {
            errors.add("options", ErrorCode::TextTooLong);
        }
    }
}

/// A poll as one reader sees it (`GET /api/posts/{id}/poll`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollView {
    pub post_id: i64,
    pub options: Vec<String>,
    pub multiple: bool,
    #[serde(with = "crate::wire_time::option")]
    pub closes_at: Option<DateTime<Utc>>,
    pub results: PollResults,
    pub closed: bool,
    /// Women who have voted.
    pub voters: i64,
    /// Votes per option, in the options' order; none while the results are not hers to see
    /// (before her vote, or before the close). Its author and the board always see them.
    pub counts: Option<Vec<i64>>,
    /// Her choices (option numbers from 0); empty before she votes.
    pub mine: Vec<u8>,
    /// She may vote now: an active member of the group, on a published poll that is open.
    pub can_vote: bool,
}

/// Her ballot: `POST` the first time, `PUT` to change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollVote {
    pub choices: Vec<u8>,
}

impl PollVote {
    /// Her choices as bits (option `n` is bit `n`), or the code the form shows under them.
    pub fn ballot(&self, options: usize, multiple: bool) -> Result<u16, ErrorCode> {
        let mut bits = 0u16;
        for &choice in &self.choices {
            if usize::from(choice) >= options.min(POLL_MAX_OPTIONS) {
                return Err(ErrorCode::UnknownChoice);
            }
            bits |= 1 << choice;
        }
        match bits.count_ones() {
            0 => Err(ErrorCode::Required),
            n if n > 1 && !multiple => Err(ErrorCode::TooManyChoices),
            _ => Ok(bits),
        }
    }
}

/// The choices a ballot's bits stand for, in order.
pub fn choices(bits: u16) -> Vec<u8> {
    (0..POLL_MAX_OPTIONS as u8)
        .filter(|n| bits & (1 << n) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(options: &[&str]) -> NewPoll {
        NewPoll {
            options: options.iter().map(|o| o.to_string()).collect(),
            multiple: false,
            closes_at: None,
            results: PollResults::AfterVote,
        }
    }

    fn codes(poll: &NewPoll) -> Option<ErrorCode> {
        let mut errors = FieldErrors::default();
        poll.check_options(&mut errors);
        errors.0.get("options").copied()
    }

    #[test]
    fn a_poll_needs_two_to_ten_filled_options() {
        assert_eq!(codes(&poll(&["Có", "Không"])), None);
        assert_eq!(codes(&poll(&["Có"])), Some(ErrorCode::TooFewOptions));
        assert_eq!(codes(&poll(&["Có", "  "])), Some(ErrorCode::TooFewOptions));
        let eleven: Vec<String> = (0..11).map(|n| format!("Phương án {n}")).collect();
        let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
        assert_eq!(codes(&poll(&eleven)), Some(ErrorCode::TooManyOptions));
        assert_eq!(
            codes(&poll(&["Có", &"a".repeat(POLL_OPTION_MAX_CHARS + 1)])),
            Some(ErrorCode::TextTooLong)
        );
    }

    #[test]
    fn a_ballot_is_one_choice_unless_several_are_allowed() {
        let vote = |choices: &[u8]| PollVote {
            choices: choices.to_vec(),
        };
        assert_eq!(vote(&[1]).ballot(3, false), Ok(0b10));
        assert_eq!(vote(&[0, 2]).ballot(3, false), Err(ErrorCode::TooManyChoices));
        assert_eq!(vote(&[0, 2, 2]).ballot(3, true), Ok(0b101));
        assert_eq!(vote(&[3]).ballot(3, true), Err(ErrorCode::UnknownChoice));
        assert_eq!(vote(&[]).ballot(3, true), Err(ErrorCode::Required));
        assert_eq!(choices(0b101), [0, 2]);
    }
}
