//! Accounts: registration, login, sessions, profile, password resets.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::FieldErrors, text::tidy, units::UnitRef, ErrorCode, Phone};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const NAME_MIN_CHARS: usize = 2;
pub const NAME_MAX_CHARS: usize = 60;

/// A person's name as shown to others: tidied, 2 to 60 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, ErrorCode> {
        let name = tidy(input);
        let chars = name.chars().count();
        if chars == 0 {
            Err(ErrorCode::Required)
        } else if chars < NAME_MIN_CHARS || name.chars().any(char::is_control) {
            Err(ErrorCode::NameTooShort)
        } else if chars > NAME_MAX_CHARS {
            Err(ErrorCode::NameTooLong)
        } else {
            Ok(DisplayName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The length rule both sides apply; the server also refuses the most common passwords.
pub fn check_password_length(password: &str) -> Result<(), ErrorCode> {
    match password.chars().count() {
        0 => Err(ErrorCode::Required),
        n if n < PASSWORD_MIN_CHARS => Err(ErrorCode::PasswordTooShort),
        n if n > PASSWORD_MAX_CHARS => Err(ErrorCode::PasswordTooLong),
        _ => Ok(()),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub phone: String,
    pub display_name: String,
    pub password: String,
    /// The code sent to the phone by `POST /api/auth/otp`: the account exists only once she has
    /// shown that the number is hers (a stranger could otherwise take over what was sent with it).
    #[serde(default)]
    pub code: String,
}

/// A registration whose fields all passed the shared rules.
pub struct ValidRegistration {
    pub phone: Phone,
    pub display_name: DisplayName,
}

impl RegisterRequest {
    /// Checks every field at once so the form can mark all of them.
    pub fn validate(&self) -> Result<ValidRegistration, FieldErrors> {
        let mut errors = FieldErrors::default();
        let phone = errors.check("phone", Phone::parse(&self.phone));
        let display_name = errors.check("display_name", DisplayName::parse(&self.display_name));
        errors.check("password", check_password_length(&self.password));
        match (phone, display_name) {
            (Some(phone), Some(display_name)) if errors.is_empty() => {
                Ok(ValidRegistration { phone, display_name })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub phone: String,
    pub password: String,
}

/// The signed-in account as she sees it herself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    /// E.164; the app shows it in the local form.
    pub phone: Phone,
    pub display_name: String,
    pub home_unit: Option<UnitRef>,
    pub overseas: bool,
    pub hoi_member: bool,
    /// She decides for a group (its admin or moderator) or runs a unit of the Hội: her home page
    /// starts with "Việc hôm nay". Absent from a copy kept before it existed.
    #[serde(default)]
    pub on_duty: bool,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProfileRequest {
    pub display_name: String,
    /// A commune/ward or branch; `None` clears it (for example when she lives overseas).
    pub home_unit_id: Option<i64>,
    pub overseas: bool,
    pub hoi_member: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Moves her account to a new number: the code texted to that number (by `POST /api/auth/otp`)
/// proves it is hers, her password that the account is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePhoneRequest {
    pub phone: String,
    pub code: String,
    pub password: String,
}

/// Asks for a one-time code by SMS: to register the number, or to reset a forgotten password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OtpRequest {
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OtpResetRequest {
    pub phone: String,
    pub code: String,
    pub new_password: String,
}

/// What a group admin reads out to a member who forgot her password; valid until she changes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemporaryPassword {
    pub temporary_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Nguyễn  Thị Lan ").unwrap().as_str(),
            "Nguyễn Thị Lan"
        );
        assert_eq!(DisplayName::parse(" "), Err(ErrorCode::Required));
        assert_eq!(DisplayName::parse("L"), Err(ErrorCode::NameTooShort));
        assert_eq!(DisplayName::parse(&"a".repeat(61)), Err(ErrorCode::NameTooLong));
    }

    #[test]
    fn passwords_have_a_minimum_length_counted_in_characters() {
        assert_eq!(check_password_length("ngắn"), Err(ErrorCode::PasswordTooShort));
        assert_eq!(check_password_length("mật khẩu dài"), Ok(()));
        assert_eq!(check_password_length(""), Err(ErrorCode::Required));
    }

    #[test]
    fn registration_reports_every_bad_field_at_once() {
        let request = RegisterRequest {
            phone: "123".into(),
            display_name: "".into(),
            password: "abc".into(),
            code: String::new(),
        };
        let errors = request.validate().err().unwrap().0;
        assert_eq!(errors.get("phone"), Some(&ErrorCode::InvalidPhone));
        assert_eq!(errors.get("display_name"), Some(&ErrorCode::Required));
        assert_eq!(errors.get("password"), Some(&ErrorCode::PasswordTooShort));
    }
}
