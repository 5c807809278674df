//! Vietnamese mobile numbers: typed as 09x…, 03x…, +84… or 84…, stored as E.164 (+84…).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// A Vietnamese mobile number in E.164 form. Only [`Phone::parse`] makes one, so a `Phone` is
/// always valid; it is the account's login and the key for rate limits and duplicate checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// Mobile prefixes after the 0 (or +84): 3, 5, 7, 8, 9 since the 2018 renumbering.
const MOBILE_FIRST_DIGITS: &[u8] = b"35789";

impl Phone {
    /// Accepts `0912345678`, `0912 345 678`, `091.234.5678`, `+84912345678`, `84912345678`.
    pub fn parse(input: &str) -> Result<Self, ErrorCode> {
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
            .collect();
        if compact.is_empty() {
            return Err(ErrorCode::Required);
        }
        let national = compact
            .strip_prefix("+84")
            .or_else(|| compact.strip_prefix("84").filter(|rest| rest.len() == 9))
            .or_else(|| compact.strip_prefix('0'))
            .ok_or(ErrorCode::InvalidPhone)?;
        let bytes = national.as_bytes();
        let valid = bytes.len() == 9
            && bytes.iter().all(u8::is_ascii_digit)
            && MOBILE_FIRST_DIGITS.contains(&bytes[0]);
        if valid {
            Ok(Phone(format!("+84{national}")))
        } else {
            Err(ErrorCode::InvalidPhone)
        }
    }

    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// The form people read and dial at home: `0912 345 678`.
    pub fn local(&self) -> String {
        let n = &self.0[3..];
        format!("0{} {} {}", &n[..3], &n[3..6], &n[6..])
    }

    /// For lists that must not expose the number: `0912 *** 678`.
    pub fn masked(&self) -> String {
        let n = &self.0[3..];
        format!("0{} *** {}", &n[..3], &n[6..])
    }
}

impl TryFrom<String> for Phone {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value).map_err(|_| "invalid_phone")
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> String {
        phone.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_people_type_and_stores_e164() {
        for input in [
            "0912345678",
            "0912 345 678",
            "091.234.5678",
            "+84912345678",
            "84912345678",
            "+84 912-345-678",
        ] {
            assert_eq!(Phone::parse(input).unwrap().as_e164(), "+84912345678", "{input}");
        }
        assert_eq!(Phone::parse("0387654321").unwrap().as_e164(), "+84387654321");
    }

    #[test]
    fn rejects_landlines_short_long_and_foreign_numbers() {
        for input in [
            "0241234567",
            "091234567",
            "09123456789",
            "+1 202 555 0100",
            "0912abc678",
            "912345678",
        ] {
            assert_eq!(Phone::parse(input), Err(ErrorCode::InvalidPhone), "{input}");
        }
        assert_eq!(Phone::parse("  "), Err(ErrorCode::Required));
    }

    #[test]
    fn shows_local_and_masked_forms() {
        let phone = Phone::parse("+84912345678").unwrap();
        assert_eq!(phone.local(), "0912 345 678");
        assert_eq!(phone.masked(), "0912 *** 678");
    }

    #[test]
    fn deserialising_checks_the_number() {
        assert!(serde_json::from_str::<Phone>("\"0912345678\"").is_ok());
        assert!(serde_json::from_str::<Phone>("\"12345\"").is_err());
    }
}
