//! "Vào Hội": a woman's application to join the Hội LHPN, the consents she gives with it
//! (Decree 13/2023, Law 91/2025), the unit's pipeline, and her own data.
//!
//! The consent texts live here, in the shared crate, so the statement the form shows is the
//! statement the server stores with the application, word for word, under one version.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    account::DisplayName, error::FieldErrors, text::tidy, units::UnitRef, wire_enum::wire_enum, ErrorCode,
    Phone,
};

/// The version of the notice and consent statements below; stored with every consent. Change it
/// whenever a word of them changes.
pub const CONSENT_VERSION: &str = "2026-01";

/// Members of the Hội are adults.
pub const MIN_AGE_YEARS: i32 = 18;
pub const OCCUPATION_MAX_CHARS: usize = 100;
pub const WISH_MAX_CHARS: usize = 1000;
pub const NOTE_MAX_CHARS: usize = 1000;
/// Decided applications are erased this many months after the decision (the notice says so).
pub const RETENTION_MONTHS: i64 = 12;

/// What the form tells her before she consents: purpose, who sees the data, how long it is kept,
/// her rights. Shown above the consent boxes, stored (by version) with the application.
pub const PRIVACY_NOTICE_VI: &str = "Đơn của chị được gửi tới Hội LHPN xã/phường (hoặc chi hội) chị chọn, \
để cán bộ Hội liên hệ và xét kết nạp. Chỉ cán bộ Hội của đơn vị đó và các cấp trên được xem đơn, và mỗi lần \
xem đều được ghi lại. Đơn được lưu tới khi có kết quả và thêm 12 tháng, sau đó bị xoá. Chị có thể xem, sửa, \
tải về, rút đồng ý hoặc xoá đơn bất cứ lúc nào ở trang \"Dữ liệu của tôi\". Hội không bao giờ yêu cầu ảnh \
căn cước.";

wire_enum! {
    /// One purpose she may consent to, each with its own unticked box.
    ConsentPurpose {
        /// Processing the application itself: without it there is nothing to send.
        Application = "application",
        /// Ethnicity and religion, sensitive data under the law: optional.
        Sensitive = "sensitive",
        /// News of the Hội's activities to her phone: optional.
        News = "news",
    }
}

impl ConsentPurpose {
    /// The statement she agrees to, stored with her consent.
    pub fn statement_vi(self) -> &'static str {
        match self {
            ConsentPurpose::Application => {
                "Tôi đồng ý để Hội LHPN Việt Nam xử lý họ tên, ngày sinh, số điện thoại, nơi cư trú, nghề \
                 nghiệp, trình độ học vấn và nguyện vọng trong đơn này để liên hệ và xét kết nạp tôi vào Hội."
            }
            ConsentPurpose::Sensitive => {
                "Tôi đồng ý cung cấp dân tộc và tôn giáo của tôi (dữ liệu cá nhân nhạy cảm) để Hội thống kê \
                 thành phần hội viên. Không bắt buộc."
            }
            ConsentPurpose::News => {
                "Tôi đồng ý nhận tin về hoạt động của Hội qua số điện thoại này. Không bắt buộc."
            }
        }
    }

    /// The field a missing consent is reported on.
    pub fn field(self) -> &'static str {
        match self {
            ConsentPurpose::Application => "consent_application",
            ConsentPurpose::Sensitive => "consent_sensitive",
            ConsentPurpose::News => "consent_news",
        }
    }
}

wire_enum! {
    /// The unit's pipeline: mới → đã liên hệ → đã kết nạp / không kết nạp.
    ApplicationStatus {
        New = "new",
        Contacted = "contacted",
        Admitted = "admitted",
        Declined = "declined",
    }
}

impl ApplicationStatus {
    /// Still being processed: only one open application per phone number.
    pub fn is_open(self) -> bool {
        matches!(self, ApplicationStatus::New | ApplicationStatus::Contacted)
    }

    /// The moves the pipeline allows: forward only, and never out of a decision.
    pub fn can_move_to(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (New, Contacted) | (New | Contacted, Admitted) | (New | Contacted, Declined)
        )
    }
}

/// The 54 ethnic groups of Việt Nam, in the General Statistics Office's order (codes 01–54).
pub const ETHNIC_GROUPS: [&str; 54] = [
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khơ-me",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia-rai",
    "Ngái",
    "Ê-đê",
    "Ba-na",
    "Xơ-đăng",
    "Sán Chay",
    "Cơ-ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Mnông",
    "Ra-glai",
    "Xtiêng",
    "Bru-Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ-tu",
    "Gié-Triêng",
    "Mạ",
    "Khơ-mú",
    "Co",
    "Tà-ôi",
    "Chơ-ro",
    "Kháng",
    "Xinh-mun",
    "Hà Nhì",
    "Chu-ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cơ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ-măm",
];

/// Religions as the form offers them.
pub const RELIGIONS: [&str; 8] = [
    "Không theo tôn giáo",
    "Phật giáo",
    "Công giáo",
    "Tin lành",
    "Cao Đài",
    "Phật giáo Hòa Hảo",
    "Hồi giáo",
    "Tôn giáo khác",
];

/// Trình độ học vấn, as the Hội's member records list it.
pub const EDUCATION_LEVELS: [&str; 8] = [
    "Chưa qua trường lớp",
    "Tiểu học",
    "Trung học cơ sở",
    "Trung học phổ thông",
    "Trung cấp",
    "Cao đẳng",
    "Đại học",
    "Sau đại học",
];

/// The form as she fills it in, logged in or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationForm {
    pub full_name: String,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub birth_date: String,
    pub phone: String,
    pub commune_id: Option<i64>,
    /// A branch (chi hội) of that commune, when she knows which one.
    pub branch_id: Option<i64>,
    pub occupation: String,
    /// One of [`EDUCATION_LEVELS`].
    pub education: String,
    /// Lý do / nguyện vọng: optional.
    pub wish: String,
    /// One of [`ETHNIC_GROUPS`]; sensitive, only with [`ConsentPurpose::Sensitive`].
    pub ethnicity: Option<String>,
    /// One of [`RELIGIONS`]; sensitive, only with [`ConsentPurpose::Sensitive`].
    pub religion: Option<String>,
    /// The purposes she ticked; nothing is assumed from a box left empty.
    pub consents: Vec<ConsentPurpose>,
    /// The [`CONSENT_VERSION`] her form showed.
    pub consent_version: String,
    /// The group page she came from, if any.
    pub source_group_id: Option<i64>,
}

/// A form whose fields passed the shared rules; the server still checks the units exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidApplication {
    pub full_name: DisplayName,
    pub birth_date: NaiveDate,
    pub phone: Phone,
    pub commune_id: i64,
    pub branch_id: Option<i64>,
    pub occupation: String,
    pub education: String,
    pub wish: String,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub consents: Vec<ConsentPurpose>,
}

impl ApplicationForm {
    /// Checks every field at once against `today` (Vietnam's date), so the form marks them all.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidApplication, FieldErrors> {
        let mut errors = FieldErrors::default();
        let full_name = errors.check("full_name", DisplayName::parse(&self.full_name));
        let birth_date = errors.check("birth_date", check_birth_date(&self.birth_date, today));
        let phone = errors.check("phone", Phone::parse(&self.phone));
        let commune_id = errors.check("commune_id", self.commune_id.ok_or(ErrorCode::Required));
        let occupation = tidy(&self.occupation);
        match occupation.chars().count() {
            0 => errors.add("occupation", ErrorCode::Required),
            n if n > OCCUPATION_MAX_CHARS => errors.add("occupation", ErrorCode::TextTooLong),
            _ => {}
        }
        let education = errors.check("education", one_of(&self.education, &EDUCATION_LEVELS));
        let wish = self.wish.trim().to_owned();
        if wish.chars().count() > WISH_MAX_CHARS {
            errors.add("wish", ErrorCode::TextTooLong);
        }
        let ethnicity = optional_choice(
            &mut errors,
            "ethnicity",
            self.ethnicity.as_deref(),
            &ETHNIC_GROUPS,
        );
        let religion = optional_choice(&mut errors, "religion", self.religion.as_deref(), &RELIGIONS);
        let consented = |purpose| self.consents.contains(&purpose);
        if !consented(ConsentPurpose::Application) {
            errors.add(ConsentPurpose::Application.field(), ErrorCode::ConsentRequired);
        }
        if (ethnicity.is_some() || religion.is_some()) && !consented(ConsentPurpose::Sensitive) {
            errors.add(
                ConsentPurpose::Sensitive.field(),
                ErrorCode::SensitiveNeedsConsent,
            );
        }
        let mut consents: Vec<ConsentPurpose> = ConsentPurpose::ALL
            .iter()
            .copied()
            .filter(|p| consented(*p))
            .collect();
        consents.dedup();
        match (full_name, birth_date, phone, commune_id, education) {
            (Some(full_name), Some(birth_date), Some(phone), Some(commune_id), Some(education))
                if errors.is_empty() =>
            {
                Ok(ValidApplication {
                    full_name,
                    birth_date,
                    phone,
                    commune_id,
                    branch_id: self.branch_id,
                    occupation,
                    education,
                    wish,
                    ethnicity,
                    religion,
                    consents,
                })
            }
            _ => Err(errors),
        }
    }
}

fn one_of(value: &str, list: &[&str]) -> Result<String, ErrorCode> {
    let value = value.trim();
    if value.is_empty() {
        Err(ErrorCode::Required)
    } else if list.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(ErrorCode::UnknownChoice)
    }
}

/// An optional choice: empty means not given.
fn optional_choice(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    list: &[&str],
) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    errors.check(field, one_of(value, list))
}

/// `YYYY-MM-DD`, a real date, not before 1900 and at least [`MIN_AGE_YEARS`] before `today`.
pub fn check_birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, ErrorCode> {
    let input = input.trim();
    if input.is_empty() {
        return Err(ErrorCode::Required);
    }
    let date = parse_date(input).ok_or(ErrorCode::InvalidDate)?;
    if date.year() < 1900 || date > today {
        return Err(ErrorCode::InvalidDate);
    }
    if age_on(date, today) < MIN_AGE_YEARS {
        return Err(ErrorCode::TooYoung);
    }
    Ok(date)
}

/// The wall-clock time in Việt Nam (UTC+7, no daylight saving) at `at`.
pub fn vietnam_time(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    (at + chrono::Duration::hours(7)).naive_utc()
}

/// Today's date in Việt Nam, which decides a birthday.
pub fn vietnam_today(now: DateTime<Utc>) -> NaiveDate {
    vietnam_time(now).date()
}

/// Whole years from `birth` to `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let before_birthday = (today.month(), today.day()) < (birth.month(), birth.day());
    today.year() - birth.year() - i32::from(before_birthday)
}

/// `YYYY-MM-DD` read by hand: chrono's format parser would add its machinery to the app.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let mut parts = input.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A consent as recorded: what she agreed to, in which version, when, and whether she withdrew it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentView {
    pub purpose: ConsentPurpose,
    pub version: String,
    pub statement: String,
    #[serde(with = "crate::wire_time")]
    pub granted_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time::option")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// One step of the pipeline: a status change, a note, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStep {
    pub status: Option<ApplicationStatus>,
    /// The unit's internal note; empty in the applicant's own view.
    pub note: String,
    /// Who did it; `None` for the applicant herself, and in her own view.
    pub by: Option<String>,
    #[serde(with = "crate::wire_time")]
    pub at: DateTime<Utc>,
}

/// A group, as an application names where the wish came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceGroup {
    pub id: i64,
    pub name: String,
}

/// An application whole: for the unit's admins (the view is logged) and for herself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: i64,
    pub full_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub phone: Phone,
    pub commune: UnitRef,
    pub branch: Option<UnitRef>,
    pub occupation: String,
    pub education: String,
    pub wish: String,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub source_group: Option<SourceGroup>,
    pub status: ApplicationStatus,
    /// Why she was not admitted: she sees it.
    pub decline_reason: Option<String>,
    pub consents: Vec<ConsentView>,
    pub steps: Vec<ApplicationStep>,
    /// A status change she has not seen yet (her own view only).
    pub unseen: bool,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub updated_at: DateTime<Utc>,
}

impl ApplicationView {
    /// The consents still in force.
    pub fn consented(&self, purpose: ConsentPurpose) -> bool {
        self.consents
            .iter()
            .any(|c| c.purpose == purpose && c.withdrawn_at.is_none())
    }

    /// The form with this application's answers, for her corrections.
    pub fn to_form(&self) -> ApplicationForm {
        ApplicationForm {
            full_name: self.full_name.clone(),
            birth_date: self.birth_date.clone(),
            phone: self.phone.local(),
            commune_id: Some(self.commune.id),
            branch_id: self.branch.as_ref().map(|b| b.id),
            occupation: self.occupation.clone(),
            education: self.education.clone(),
            wish: self.wish.clone(),
            ethnicity: self.ethnicity.clone(),
            religion: self.religion.clone(),
            consents: ConsentPurpose::ALL
                .iter()
                .copied()
                .filter(|p| self.consented(*p))
                .collect(),
            consent_version: CONSENT_VERSION.to_owned(),
            source_group_id: self.source_group.as_ref().map(|g| g.id),
        }
    }
}

/// What the form shows once the application is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationReceipt {
    /// Her application's number, when it is in her account (she sent it signed in). Sent signed
    /// out, the answer is the same whether or not this phone had applied before: only a code sent
    /// to the phone ties an application to an account, so she follows it by registering or signing
    /// in with that number.
    pub id: Option<i64>,
    /// The unit it went to.
    pub unit: UnitRef,
}

/// A row of the unit's list: no more than the list needs (the phone masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: i64,
    pub full_name: String,
    pub phone_masked: String,
    /// The unit it was routed to (her branch, or her commune/ward).
    pub unit: UnitRef,
    pub status: ApplicationStatus,
    #[serde(with = "crate::wire_time")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::wire_time")]
    pub updated_at: DateTime<Utc>,
}

/// Filters of the unit's list and export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ApplicationQuery {
    /// `new`, `contacted`, `admitted` or `declined`; all when absent.
    pub status: Option<String>,
    /// Only applications routed to this unit or to a unit under it.
    pub unit: Option<i64>,
    pub cursor: Option<String>,
}

/// Applications of one unit by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitApplicationCounts {
    pub unit: UnitRef,
    pub new: i64,
    pub contacted: i64,
    pub admitted: i64,
    pub declined: i64,
}

/// The unit moves an application on, or only adds a note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressRequest {
    pub status: Option<ApplicationStatus>,
    /// Internal note (the applicant does not see it).
    #[serde(default)]
    pub note: String,
    /// Required when declining: she is told this reason.
    #[serde(default)]
    pub reason: String,
}

impl ProgressRequest {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.status.is_none() && self.note.trim().is_empty() {
            errors.add("note", ErrorCode::Required);
        }
        if self.note.chars().count() > NOTE_MAX_CHARS {
            errors.add("note", ErrorCode::TextTooLong);
        }
        if self.status == Some(ApplicationStatus::Declined) && self.reason.trim().is_empty() {
            errors.add("reason", ErrorCode::Required);
        }
        if self.reason.chars().count() > NOTE_MAX_CHARS {
            errors.add("reason", ErrorCode::TextTooLong);
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn form() -> ApplicationForm {
        ApplicationForm {
            full_name: "Nguyễn Thị Mai".into(),
            birth_date: "1990-03-08".into(),
            phone: "0912 345 678".into(),
            commune_id: Some(100_565),
            occupation: "Nội trợ".into(),
            education: "Trung học phổ thông".into(),
            consents: vec![ConsentPurpose::Application],
            consent_version: CONSENT_VERSION.into(),
            ..ApplicationForm::default()
        }
    }

    #[test]
    fn a_complete_form_passes_and_keeps_only_given_consents() {
        let valid = form().validate(today()).unwrap();
        assert_eq!(valid.consents, [ConsentPurpose::Application]);
        assert_eq!(valid.ethnicity, None);
        assert_eq!(valid.phone.as_e164(), "+84912345678");
    }

    #[test]
    fn nothing_is_consented_by_silence() {
        let errors = ApplicationForm {
            consents: vec![],
            ..form()
        }
        .validate(today())
        .unwrap_err()
        .0;
        assert_eq!(
            errors.get("consent_application"),
            Some(&ErrorCode::ConsentRequired)
        );
    }

    #[test]
    fn sensitive_data_needs_its_own_consent() {
        let with_religion = ApplicationForm {
            religion: Some("Phật giáo".into()),
            ..form()
        };
        let errors = with_religion.validate(today()).unwrap_err().0;
        assert_eq!(
            errors.get("consent_sensitive"),
            Some(&ErrorCode::SensitiveNeedsConsent)
        );
        let consented = ApplicationForm {
            consents: vec![ConsentPurpose::Application, ConsentPurpose::Sensitive],
            ..with_religion
        };
        assert_eq!(
            consented.validate(today()).unwrap().religion.as_deref(),
            Some("Phật giáo")
        );
    }

    #[test]
    fn an_empty_sensitive_choice_is_no_answer() {
        let valid = ApplicationForm {
            ethnicity: Some(" ".into()),
            ..form()
        }
        .validate(today())
        .unwrap();
        assert_eq!(valid.ethnicity, None);
    }

    #[test]
    fn choices_must_come_from_the_lists() {
        let errors = ApplicationForm {
            education: "Tiến sĩ danh dự".into(),
            ethnicity: Some("Không có".into()),
            consents: vec![ConsentPurpose::Application, ConsentPurpose::Sensitive],
            ..form()
        }
        .validate(today())
        .unwrap_err()
        .0;
        assert_eq!(errors.get("education"), Some(&ErrorCode::UnknownChoice));
        assert_eq!(errors.get("ethnicity"), Some(&ErrorCode::UnknownChoice));
    }

    #[test]
    fn only_adults_may_apply_counting_to_the_day() {
        assert_eq!(
            check_birth_date("2008-11-22", today()).map(|d| d.year()),
            Ok(2008)
        );
        assert_eq!(check_birth_date("2008-11-23", today()), Err(ErrorCode::TooYoung));
        assert_eq!(
            check_birth_date("2030-01-01", today()),
            Err(ErrorCode::InvalidDate)
        );
        assert_eq!(
            check_birth_date("1990-02-30", today()),
            Err(ErrorCode::InvalidDate)
        );
        assert_eq!(check_birth_date("8/3/1990", today()), Err(ErrorCode::InvalidDate));
        assert_eq!(check_birth_date("", today()), Err(ErrorCode::Required));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = ApplicationForm::default().validate(today()).unwrap_err().0;
        for field in [
            "full_name",
            "birth_date",
            "phone",
            "commune_id",
            "occupation",
            "education",
            "consent_application",
        ] {
            assert!(errors.contains_key(field), "{field} not reported");
        }
    }

    #[test]
    fn the_pipeline_moves_forward_and_decisions_are_final() {
        use ApplicationStatus::*;
        assert!(New.can_move_to(Contacted));
        assert!(Contacted.can_move_to(Admitted));
        assert!(New.can_move_to(Declined));
        assert!(!Contacted.can_move_to(New));
        assert!(!Admitted.can_move_to(Declined));
        assert!(!Declined.can_move_to(Admitted));
    }

    #[test]
    fn declining_needs_a_reason_she_will_read() {
        let errors = ProgressRequest {
            status: Some(ApplicationStatus::Declined),
            ..ProgressRequest::default()
        }
        .validate()
        .unwrap_err()
        .0;
        assert_eq!(errors.get("reason"), Some(&ErrorCode::Required));
    }

    #[test]
    fn there_are_54_distinct_ethnic_groups() {
        let mut names = ETHNIC_GROUPS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 54);
    }
}
