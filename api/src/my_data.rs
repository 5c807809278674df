//! "Dữ liệu của tôi": everything stored about her, as she sees and downloads it, and the request
//! that erases her account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{account::Me, hoi::ApplicationView};

/// Her group memberships, as "Dữ liệu của tôi" lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyGroupRecord {
    pub group: String,
    pub role: String,
    pub status: String,
    pub answers: Vec<String>,
    #[serde(with = "crate::wire_time")]
    pub requested_at: DateTime<Utc>,
}

/// Something she wrote: a post or a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyWriting {
    pub post_id: i64,
    pub body: String,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

/// One look at her application by a Hội cadre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessRecord {
    pub application_id: i64,
    pub by: String,
    /// `view` or `export`.
    pub action: String,
    #[serde(with = "crate::wire_time")]
    pub at: DateTime<Utc>,
}

/// Everything stored about her ("Dữ liệu của tôi"), also her JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyData {
    pub account: Me,
    pub groups: Vec<MyGroupRecord>,
    pub applications: Vec<ApplicationView>,
    pub posts: Vec<MyWriting>,
    pub comments: Vec<MyWriting>,
    /// How many reactions she has left on posts.
    pub reactions: i64,
    /// How many polls she has voted in (her choices are hers to see on each poll).
    #[serde(default)]
    pub poll_votes: i64,
    /// Devices signed in.
    pub sessions: i64,
    pub accesses: Vec<AccessRecord>,
}

/// Deleting her account asks for her password again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteAccountRequest {
    pub password: String,
}
