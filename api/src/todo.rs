//! "Việc hôm nay": what waits for a board member or a Hội cadre across all her groups and units,
//! oldest first, one tap from each.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::wire_enum::wire_enum;

wire_enum! {
    TodoKind {
        JoinRequests = "join_requests",
        HeldPosts = "held_posts",
        Flags = "flags",
        Questions = "questions",
        HoiApplications = "hoi_applications",
        ContestEntries = "contest_entries",
    }
}

/// One kind of thing waiting in one group (or, for applications, in her units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TodoItem {
    pub kind: TodoKind,
    pub count: i64,
    /// When the oldest of them started waiting.
    #[serde(with = "crate::wire_time")]
    pub oldest_at: DateTime<Utc>,
    /// The group's (or contest's) name; empty for the applications of her units.
    pub place: String,
    /// Where one tap takes her to deal with them.
    pub path: String,
}
