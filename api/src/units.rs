//! The Hội's tree: central → province → commune/ward → branch (any depth below).

use serde::{Deserialize, Serialize};

use crate::wire_enum::wire_enum;

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
