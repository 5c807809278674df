//! Password hashing (argon2id) and the refusal of passwords everyone tries first.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use hoi_api::{account::check_password_length, ErrorCode, Phone};

use crate::error::{AppError, AppResult};

/// The most common passwords, in Vietnam and everywhere (one per line, lowercase).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// The shared length rule, then the server-only rules: not a common password, not her phone.
pub fn check_new_password(password: &str, phone: &Phone) -> Result<(), ErrorCode> {
    check_password_length(password)?;
    let lowered = password.to_lowercase();
    let digits_of_phone = phone.local().replace(' ', "");
    if COMMON_PASSWORDS.lines().any(|common| common == lowered) || lowered == digits_of_phone {
        return Err(ErrorCode::PasswordTooCommon);
    }
    Ok(())
}

/// Hashes on the blocking pool: argon2id is deliberately slow and must not stall the runtime.
pub async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn verify(password: String, stored: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// Verifies against a throwaway hash when the phone is unknown, so a login for an unknown number
/// takes as long as a wrong password and does not reveal who is registered.
pub async fn verify_decoy(password: String) -> AppResult<bool> {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = match DECOY.get() {
        Some(stored) => stored.clone(),
        None => {
            let stored = hash("decoy password never used".into()).await?;
            DECOY.get_or_init(|| stored).clone()
        }
    };
    verify(password, stored).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_common_passwords_and_her_own_number() {
        let phone = Phone::parse("0912345678").unwrap();
        assert_eq!(
            check_new_password("12345678", &phone),
            Err(ErrorCode::PasswordTooCommon)
        );
        assert_eq!(
            check_new_password("AnhYeuEm", &phone),
            Err(ErrorCode::PasswordTooCommon)
        );
        assert_eq!(
            check_new_password("0912345678", &phone),
            Err(ErrorCode::PasswordTooCommon)
        );
        assert_eq!(check_new_password("hoa sen tím 1975", &phone), Ok(()));
    }

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let stored = hash("hoa sen tím".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("hoa sen tím".into(), stored.clone()).await.unwrap());
        assert!(!verify("hoa sen tim".into(), stored).await.unwrap());
    }
}
