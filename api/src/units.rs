//! The Hội's tree: central → province → commune/ward → branch (any depth below).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, groups::GroupSummary, phone::Phone, wire_enum::wire_enum};

wire_enum! {
    UnitLevel {
        Central = "central",
        Province = "province",
        Commune = "commune",
        Branch = "branch",
    }
}

/// A unit as other records point to it, with its parent's name so "Xã Gia Lâm" in Hà Nội and
/// "Xã Gia Lâm" in Ninh Bình can be told apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
    pub level: UnitLevel,
    pub parent_name: Option<String>,
}

impl UnitRef {
    /// "Xã Gia Lâm, Thành phố Hà Nội": the unit with its parent, as every page names a place.
    pub fn place(&self) -> String {
        match &self.parent_name {
            Some(parent) => format!("{}, {parent}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Query for the province → commune/ward picker.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct UnitQuery {
    /// Children of this unit (provinces when absent).
    pub parent: Option<i64>,
    /// Text to look for, diacritics optional.
    pub q: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateBranchRequest {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenameBranchRequest {
    pub name: String,
}

/// Merges the branch into another branch of the same commune/ward, which keeps its name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeBranchRequest {
    pub into: i64,
}

wire_enum! {
    /// Her place in a unit of the Hội: a cadre runs it (and every unit below it), an advisor
    /// reads its reports and queues and changes nothing.
    #[derive(Default)]
    UnitRole {
        #[default]
        Cadre = "cadre",
        Advisor = "advisor",
    }
}

/// Someone named to a unit, as the cadres see her: the last digits of her phone tell two women
/// of the same name apart without showing the whole number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPerson {
    pub user_id: i64,
    pub display_name: String,
    pub phone_tail: String,
    pub role: UnitRole,
}

/// A cadre names a woman who already has an account, by her phone number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamePersonRequest {
    pub phone: String,
    pub role: UnitRole,
}

impl NamePersonRequest {
    /// The phone number, by the shared rule of every phone field.
    pub fn validate(&self) -> Result<Phone, FieldErrors> {
        Phone::parse(&self.phone).map_err(|code| {
            let mut errors = FieldErrors::default();
            errors.add("phone", code);
            errors
        })
    }
}

/// A unit right below, with how many groups it holds itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitChild {
    pub unit: UnitRef,
    pub groups: i64,
}

/// A change to a unit's people or branches, for the unit's cadres and those above.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitChange {
    pub actor_name: String,
    /// `unit.person_named`, `unit.person_removed`, `unit.branch_created`…
    pub action: String,
    /// Whom or what it was about, in words (her name and role, the branch's name).
    pub detail: String,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

/// "Đơn vị": a unit of the Hội as its cadres and advisors (and those of the units above) see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOverview {
    pub unit: UnitRef,
    /// The units above it, the province first (the central Hội left out).
    pub above: Vec<UnitRef>,
    pub people: Vec<UnitPerson>,
    pub children: Vec<UnitChild>,
    /// Its groups and those of the units below, the unverified first (at most 50).
    pub groups: Vec<GroupSummary>,
    /// Women in its groups and those below, each counted once however many groups she is in.
    pub members: i64,
    /// Applications to join the Hội that wait for it or a unit below.
    pub open_applications: i64,
    /// She runs it or a unit above it: she may name and remove its people.
    pub can_manage: bool,
    /// The groups of the list she may verify or refuse (she runs a unit above theirs).
    pub verifiable: Vec<i64>,
    /// The latest changes, newest first.
    pub changes: Vec<UnitChange>,
}

/// A unit where she is named, for her "Đơn vị Hội" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyUnit {
    pub unit: UnitRef,
    pub role: UnitRole,
}
