//! Demo data: the three pilot groups of DOMAIN.md, their admin boards, a few dozen members and
//! a few days of their feeds.

mod feed;
mod history;
mod hoi;
mod photo_contests;
mod quizzes;
mod surveys;

use hoi_api::{
    groups::{CreateGroupRequest, Privacy, Role},
    Phone,
};

use crate::{
    auth::password,
    db::{groups, memberships, units, users, Db},
};

/// Every demo account's password, printed with the logins.
pub const DEMO_PASSWORD: &str = "chihoiso2025";

struct Person {
    name: &'static str,
    phone: &'static str,
    home_ward_code: i64,
    hoi_member: bool,
}

const fn p(name: &'static str, phone: &'static str, home_ward_code: i64, hoi_member: bool) -> Person {
    Person {
        name,
        phone,
        home_ward_code,
        hoi_member,
    }
}

// GSO codes of the pilot communes/wards after the 2025 reform.
const GIA_LAM: i64 = 565; // Xã Gia Lâm, Hà Nội
const LONG_BIEN: i64 = 148; // Phường Long Biên, Hà Nội (Thạch Bàn merged into it)
const CAM_LE: i64 = 20260; // Phường Cẩm Lệ, Đà Nẵng
const HA_NOI: i64 = 1;

const BOARD: &[(&str, Person, Role)] = &[
    (
        "gia_lam",
        p("Nguyễn Thị Hương", "0912000001", GIA_LAM, true),
        Role::Admin,
    ),
    (
        "gia_lam",
        p("Trần Thị Mai", "0912000002", GIA_LAM, true),
        Role::Moderator,
    ),
    (
        "gia_lam",
        p("Lê Thị Thu", "0912000003", GIA_LAM, true),
        Role::Advisor,
    ),
    (
        "cam_le",
        p("Phan Thị Hạnh", "0905000001", CAM_LE, true),
        Role::Admin,
    ),
    (
        "cam_le",
        p("Võ Thị Thanh", "0905000002", CAM_LE, true),
        Role::Moderator,
    ),
    (
        "thach_ban",
        p("Đỗ Thị Ngọc", "0913000001", LONG_BIEN, true),
        Role::Admin,
    ),
    (
        "thach_ban",
        p("Bùi Thị Yến", "0913000002", LONG_BIEN, true),
        Role::Moderator,
    ),
];

const MEMBERS: &[Person] = &[
    p("Nguyễn Thị Lan", "0987000001", GIA_LAM, true),
    p("Phạm Thị Hoa", "0987000002", GIA_LAM, false),
    p("Hoàng Thị Thảo", "0987000003", GIA_LAM, true),
    p("Vũ Thị Hằng", "0987000004", GIA_LAM, true),
    p("Đặng Thị Nga", "0987000005", GIA_LAM, false),
    p("Ngô Thị Phương", "0987000006", LONG_BIEN, true),
    p("Dương Thị Linh", "0987000007", GIA_LAM, true),
    p("Lý Thị Dung", "0987000008", GIA_LAM, false),
    p("Trịnh Thị Huyền", "0987000009", GIA_LAM, true),
    p("Đinh Thị Loan", "0987000010", GIA_LAM, true),
    p("Mai Thị Vân", "0987000011", GIA_LAM, false),
    p("Cao Thị Bích", "0987000012", GIA_LAM, true),
    p("Lương Thị Xuân", "0987000013", CAM_LE, true),
    p("Tạ Thị Oanh", "0987000014", CAM_LE, false),
    p("Hồ Thị Diệu", "0987000015", CAM_LE, true),
    p("Châu Thị Kim", "0987000016", CAM_LE, true),
    p("Lâm Thị Hiền", "0987000017", CAM_LE, false),
    p("Huỳnh Thị Trang", "0987000018", CAM_LE, true),
    p("Tôn Nữ Minh Châu", "0987000019", CAM_LE, true),
    p("Nguyễn Thị Ánh", "0987000020", CAM_LE, true),
    p("Kiều Thị Liên", "0987000021", LONG_BIEN, true),
    p("Phùng Thị Quyên", "0987000022", LONG_BIEN, false),
    p("Đoàn Thị Sen", "0987000023", LONG_BIEN, true),
    p("Chu Thị Tuyết", "0987000024", LONG_BIEN, true),
    p("Giang Thị Nhung", "0987000025", LONG_BIEN, true),
    p("Lưu Thị Gấm", "0987000026", LONG_BIEN, false),
    p("Âu Thị Yên", "0987000027", LONG_BIEN, true),
    p("Quách Thị Hồng", "0987000028", GIA_LAM, true),
    p("Triệu Thị Duyên", "0987000029", GIA_LAM, false),
    p("Văn Thị Lụa", "0987000030", CAM_LE, true),
];

/// Waiting for the admin board when the demo starts: the queue is never empty on day one.
const PENDING: &[(&str, Person)] = &[
    ("gia_lam", p("Nguyễn Thị Thủy", "0987000101", GIA_LAM, false)),
    ("gia_lam", p("Trần Thị Hậu", "0987000102", GIA_LAM, true)),
    ("gia_lam", p("Phạm Thị Tâm", "0987000103", LONG_BIEN, false)),
    ("cam_le", p("Lê Thị Thắm", "0987000104", CAM_LE, false)),
    ("thach_ban", p("Hà Thị Vui", "0987000105", LONG_BIEN, true)),
];

/// An account in no group yet, to try the join flow with.
const NEWCOMER: Person = p("Đào Thị Mơ", "0987000200", GIA_LAM, false);
/// The Gia Lâm commune Hội's admin: receives the commune's applications to join the Hội.
const COMMUNE_ADMIN: Person = p("Nguyễn Thị Tuyết", "0912000010", GIA_LAM, true);
/// The Hà Nội Hội's supervisory board (ban kiểm tra): reads the city's reports, changes nothing.
const CITY_ADVISOR: Person = p("Trịnh Thị Bình", "0912000011", LONG_BIEN, true);
/// The Hà Nội Hội's admin: verifies the city's groups and adds branches.
const PROVINCE_ADMIN: Person = p("Vũ Thị Hoa", "0912000009", GIA_LAM, true);

/// Seeds the demo into a database without users; returns the logins to print, or `None` when
/// the database already had users (the demo is never seeded twice or over real data).
pub async fn seed_if_empty(db: &Db, media: &dyn crate::media::MediaStore) -> anyhow::Result<Option<String>> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    if users > 0 {
        return Ok(None);
    }
    // One hash for every demo account: they share a password, and argon2id is slow on purpose.
    let hash = password::hash(DEMO_PASSWORD.into())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let province_admin = add_person(db, &PROVINCE_ADMIN, &hash).await?;
    units::add_admin(db, units::province_id(HA_NOI), province_admin).await?;
    units::create_branch(db, units::ward_id(LONG_BIEN), "Chi hội phụ nữ Thạch Bàn 1").await?;
    units::create_branch(db, units::ward_id(LONG_BIEN), "Chi hội phụ nữ Thạch Bàn 2").await?;

    let mut group_ids = Vec::new();
    for (key, founder_index) in [("gia_lam", 0), ("cam_le", 3), ("thach_ban", 5)] {
        let founder = add_person(db, &BOARD[founder_index].1, &hash).await?;
        let (unit, request) = pilot_group(key);
        let valid = request
            .validate()
            .map_err(|e| anyhow::anyhow!("demo group invalid: {:?}", e.0))?;
        let id = groups::create(db, units::ward_id(unit), &valid, request.privacy, None, founder).await?;
        groups::set_verified(db, id, true, None).await?;
        group_ids.push((key, id, founder, valid.questions.len()));
    }
    let group = |key: &str| {
        group_ids
            .iter()
            .find(|g| g.0 == key)
            .copied()
            .expect("pilot group")
    };

    for (index, (key, person, role)) in BOARD.iter().enumerate() {
        if matches!(index, 0 | 3 | 5) {
            continue; // founders are admins already
        }
        let (_, id, founder, questions) = group(key);
        let user = add_person(db, person, &hash).await?;
        join_and_approve(db, id, user, founder, questions).await?;
        memberships::set_role(db, id, user, *role).await?;
    }
    let mut people: Vec<(&str, i64)> = group_ids.iter().map(|g| (g.0, g.2)).collect();
    for person in MEMBERS {
        let key = match person.home_ward_code {
            CAM_LE => "cam_le",
            LONG_BIEN => "thach_ban",
            _ => "gia_lam",
        };
        let (_, id, founder, questions) = group(key);
        let user = add_person(db, person, &hash).await?;
        join_and_approve(db, id, user, founder, questions).await?;
        people.push((key, user));
    }
    for (key, id, ..) in &group_ids {
        let members: Vec<i64> = people.iter().filter(|p| p.0 == *key).map(|p| p.1).collect();
        feed::seed(db, *id, &members).await?;
    }
    for (key, person) in PENDING {
        let (_, id, _, questions) = group(key);
        let user = add_person(db, person, &hash).await?;
        memberships::request_join(db, id, user, &demo_answers(questions)).await?;
    }
    add_person(db, &NEWCOMER, &hash).await?;
    let commune_admin = add_person(db, &COMMUNE_ADMIN, &hash).await?;
    units::add_admin(db, units::ward_id(GIA_LAM), commune_admin).await?;
    hoi::seed(db, group("gia_lam").1, commune_admin).await?;
    let gia_lam_members: Vec<i64> = people
        .iter()
        .filter(|p| p.0 == "gia_lam")
        .map(|p| p.1)
        .skip(1) // the founder runs it
        .collect();
    quizzes::seed(db, group("gia_lam").1, group("gia_lam").2, &gia_lam_members).await?;
    photo_contests::seed(
        db,
        media,
        group("gia_lam").1,
        group("gia_lam").2,
        province_admin,
        &gia_lam_members,
    )
    .await?;
    surveys::seed(
        db,
        group("gia_lam").1,
        group("gia_lam").2,
        &gia_lam_members,
        &[GIA_LAM, LONG_BIEN],
    )
    .await?;
    let city_advisor = add_person(db, &CITY_ADVISOR, &hash).await?;
    units::add_advisor(db, units::province_id(HA_NOI), city_advisor).await?;
    for (key, start, end, leaving, posts, first_phone) in [
        ("gia_lam", 200, 1_500, 60, 1_100, 1),
        ("thach_ban", 40, 180, 8, 240, 5_000),
    ] {
        let (unit, _) = pilot_group(key);
        history::seed(
            db,
            &history::Plan {
                group: group(key).1,
                commune: units::ward_id(unit),
                elsewhere: units::ward_id(if unit == GIA_LAM { LONG_BIEN } else { GIA_LAM }),
                start,
                end,
                leaving,
                posts,
                first_phone,
                admin: group(key).2,
            },
            &hash,
        )
        .await?;
    }

    Ok(Some(format!(
        "Demo data seeded. Every demo account's password is {DEMO_PASSWORD}\n\
         \x20 admin of the Gia Lâm group:   {} ({})\n\
         \x20 moderator of Gia Lâm:          {} ({})\n\
         \x20 advisor of Gia Lâm (read-only): {} ({})\n\
         \x20 admin of the Cẩm Lệ group:     {} ({})\n\
         \x20 admin of the Thạch Bàn group:  {} ({})\n\
         \x20 Gia Lâm commune Hội admin:     {} ({})\n\
         \x20 Hà Nội Hội admin:              {} ({})\n\
         \x20 Hà Nội advisor (read-only):    {} ({})\n\
         \x20 member in no group yet:        {} ({})",
        BOARD[0].1.phone,
        BOARD[0].1.name,
        BOARD[1].1.phone,
        BOARD[1].1.name,
        BOARD[2].1.phone,
        BOARD[2].1.name,
        BOARD[3].1.phone,
        BOARD[3].1.name,
        BOARD[5].1.phone,
        BOARD[5].1.name,
        COMMUNE_ADMIN.phone,
        COMMUNE_ADMIN.name,
        PROVINCE_ADMIN.phone,
        PROVINCE_ADMIN.name,
        CITY_ADVISOR.phone,
        CITY_ADVISOR.name,
        NEWCOMER.phone,
        NEWCOMER.name,
    )))
}

async fn add_person(db: &Db, person: &Person, hash: &str) -> anyhow::Result<i64> {
    let phone = Phone::parse(person.phone).map_err(|_| anyhow::anyhow!("bad demo phone {}", person.phone))?;
    let id = users::create(db, &phone, person.name, hash)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo phone {} used twice", person.phone))?;
    users::update_profile(
        db,
        id,
        person.name,
        Some(units::ward_id(person.home_ward_code)),
        false,
        person.hoi_member,
    )
    .await?;
    Ok(id)
}

async fn join_and_approve(
    db: &Db,
    group: i64,
    user: i64,
    admin: i64,
    questions: usize,
) -> anyhow::Result<()> {
    memberships::request_join(db, group, user, &demo_answers(questions)).await?;
    memberships::decide(db, group, user, true, None, admin).await?;
    Ok(())
}

fn demo_answers(questions: usize) -> Vec<String> {
    [
        "Em ở ngay trong xã ạ.",
        "Dạ em chưa, em muốn tìm hiểu thêm.",
        "Em đồng ý ạ.",
    ]
    .iter()
    .take(questions)
    .map(|a| (*a).to_owned())
    .collect()
}

fn pilot_group(key: &str) -> (i64, CreateGroupRequest) {
    let rules = "1. Tôn trọng, lịch sự với mọi thành viên.\n2. Không quảng cáo, bán hàng, vay tiền.\n\
                 3. Không đăng tin chưa kiểm chứng.\n4. Bài viết được Ban quản trị duyệt trước khi đăng.";
    match key {
        "gia_lam" => (GIA_LAM, CreateGroupRequest {
            unit_id: 0,
            name: "Phụ nữ Gia Lâm khỏe - đẹp mỗi ngày".into(),
            description: "Nhóm của Hội LHPN Gia Lâm: sức khỏe, làm đẹp, dân vũ, gia đình và các hoạt động Hội. \
                          Thành lập 5/5/2024."
                .into(),
            rules: rules.into(),
            questions: vec![
                "Chị đang sinh sống ở xã/phường nào?".into(),
                "Chị đã là hội viên Hội LHPN chưa?".into(),
                "Chị có đồng ý tuân thủ quy chế của nhóm không?".into(),
            ],
            privacy: Privacy::Public,
            cover_id: None,
        }),
        "cam_le" => (CAM_LE, CreateGroupRequest {
            unit_id: 0,
            name: "Thanh Xuân Cẩm Lệ".into(),
            description: "Nơi chị em phường Cẩm Lệ giao lưu, học hỏi, chia sẻ kinh nghiệm sống. Thành lập 15/5/2024."
                .into(),
            rules: rules.into(),
            questions: vec!["Chị đang sinh sống ở tổ dân phố nào?".into(), "Chị biết đến nhóm qua ai?".into()],
            privacy: Privacy::Public,
            cover_id: None,
        }),
        _ => (LONG_BIEN, CreateGroupRequest {
            unit_id: 0,
            name: "Phụ nữ Thạch Bàn vui - khoẻ - có ích".into(),
            description: "Nhóm của chị em Thạch Bàn, Long Biên: vui khỏe, có ích cho gia đình và xã hội.".into(),
            rules: rules.into(),
            questions: vec!["Chị sinh hoạt ở chi hội nào?".into()],
            privacy: Privacy::Closed,
            cover_id: None,
        }),
    }
}
