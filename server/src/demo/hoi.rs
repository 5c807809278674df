//! Demo applications to join the Hội: the commune's list is not empty on day one.

use hoi_api::hoi::{ApplicationForm, ApplicationStatus, ConsentPurpose, CONSENT_VERSION};

use crate::db::{
    hoi::{self, Routing},
    units, Db,
};

struct Applicant {
    name: &'static str,
    birth: &'static str,
    phone: &'static str,
    ward: i64,
    occupation: &'static str,
    education: &'static str,
    wish: &'static str,
    /// The unit has called her already.
    contacted: bool,
}

const APPLICANTS: &[Applicant] = &[
    Applicant {
        name: "Lê Thị Hồng",
        birth: "1988-06-12",
        phone: "0978000301",
        ward: super::GIA_LAM,
        occupation: "Buôn bán nhỏ",
        education: "Trung học phổ thông",
        wish: "Em muốn tham gia sinh hoạt chi hội và học thêm về khởi nghiệp.",
        contacted: false,
    },
    Applicant {
        name: "Phạm Thị Ngân",
        birth: "1995-01-30",
        phone: "0978000302",
        ward: super::GIA_LAM,
        occupation: "Công nhân",
        education: "Trung cấp",
        wish: "Muốn được tham gia các lớp kỹ năng làm mẹ.",
        contacted: true,
    },
    Applicant {
        name: "Trần Thị Kim Oanh",
        birth: "1979-09-02",
        phone: "0978000303",
        ward: super::LONG_BIEN,
        occupation: "Giáo viên mầm non",
        education: "Cao đẳng",
        wish: "",
        contacted: false,
    },
];

/// Sends the demo applications; the Gia Lâm ones come from the Gia Lâm group's page.
pub async fn seed(db: &Db, gia_lam_group: i64, commune_admin: i64) -> anyhow::Result<()> {
    let today = hoi_api::hoi::vietnam_today(chrono::Utc::now());
    for Applicant {
        name,
        birth,
        phone,
        ward,
        occupation,
        education,
        wish,
        contacted,
    } in APPLICANTS
    {
        let form = ApplicationForm {
            full_name: (*name).into(),
            birth_date: (*birth).into(),
            phone: (*phone).into(),
            commune_id: Some(units::ward_id(*ward)),
            occupation: (*occupation).into(),
            education: (*education).into(),
            wish: (*wish).into(),
            consents: vec![ConsentPurpose::Application, ConsentPurpose::News],
            consent_version: CONSENT_VERSION.into(),
            ..ApplicationForm::default()
        };
        let valid = form
            .validate(today)
            .map_err(|e| anyhow::anyhow!("demo application invalid: {:?}", e.0))?;
        let commune = units::ward_id(*ward);
        let routing = Routing {
            unit_id: commune,
            commune_id: commune,
            branch_id: None,
            province_id: units::province_id(super::HA_NOI),
        };
        let source = (*ward == super::GIA_LAM).then_some(gia_lam_group);
        let id = hoi::insert(db, &valid, routing, None, source)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo application {phone} twice"))?;
        if *contacted {
            hoi::progress(
                db,
                id,
                commune_admin,
                ApplicationStatus::New,
                Some(ApplicationStatus::Contacted),
                "Đã gọi điện, hẹn chị dự buổi sinh hoạt chi hội tháng này.",
                "",
            )
            .await?;
        }
    }
    Ok(())
}
