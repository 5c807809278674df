//! The demo survey: the "Khảo sát nhu cầu hội viên" template run in Gia Lâm since five days ago,
//! answered by most of the group's members, so the results page has bars, averages and words.

use chrono::{Duration, Utc};
use hoi_api::survey::{Answer, OTHER};

use crate::{
    db::{
        survey_responses::{self, token_hash, NewResponse},
        surveys, units, Db,
    },
    surveys::template,
};

fn chose(question: u32, chosen: Vec<u8>) -> Answer {
    Answer {
        question,
        chosen,
        ..Answer::default()
    }
}

fn number(question: u32, n: f64) -> Answer {
    Answer {
        question,
        number: Some(n),
        ..Answer::default()
    }
}

fn text(question: u32, words: &str) -> Answer {
    Answer {
        question,
        text: words.to_owned(),
        ..Answer::default()
    }
}

const WISHES: [&str; 4] = [
    "Lớp dân vũ buổi tối cho chị em sau giờ làm.",
    "Nói chuyện với bác sĩ về sức khỏe tuổi mãn kinh.",
    "Hướng dẫn bán hàng trên mạng cho chị em nông thôn.",
    "Câu lạc bộ đọc sách cùng con vào cuối tuần.",
];

/// The n-th demo member's answers: varied, and always valid by the template's rules.
fn answers(n: usize, commune: i64) -> Vec<Answer> {
    let small = |m: usize| (n % m) as u8;
    let wants_trade = n.is_multiple_of(2);
    let mut themes = vec![small(7), ((n + 2) % 7) as u8];
    if n.is_multiple_of(5) {
        themes = vec![2, OTHER];
    }
    let mut list = vec![
        chose(1, vec![small(4)]),
        Answer {
            question: 2,
            unit: Some(commune),
            ..Answer::default()
        },
        chose(3, vec![u8::from(n.is_multiple_of(3))]),
        Answer {
            text: if n.is_multiple_of(5) {
                "Nấu ăn dinh dưỡng".into()
            } else {
                String::new()
            },
            ..chose(4, themes)
        },
        number(5, 3.0 + (n % 3) as f64),
        chose(6, vec![u8::from(!wants_trade)]),
        number(9, (n % 4) as f64),
        chose(10, vec![small(6)]),
        chose(11, vec![small(4)]),
    ];
    if wants_trade {
        list.push(chose(7, vec![small(6)]));
        list.push(number(8, 4.0 + n as f64));
    }
    if n % 3 == 1 {
        list.push(text(14, WISHES[n % WISHES.len()]));
    }
    list
}

/// `communes`: GSO codes of the communes members say they live in (the first most often).
pub async fn seed(db: &Db, group: i64, admin: i64, members: &[i64], communes: &[i64]) -> anyhow::Result<()> {
    let mut form = template::needs_survey(Utc::now() - Duration::days(5));
    form.group_ids = vec![group];
    let id = surveys::create(db, &form, admin).await?;
    // A few members have not answered yet: someone to try it with.
    for (n, member) in members.iter().enumerate().skip(3) {
        let commune = if n % 4 == 3 {
            communes[n % communes.len()]
        } else {
            communes[0]
        };
        let given = answers(n, units::ward_id(commune));
        form.check_answers(&given)
            .map_err(|e| anyhow::anyhow!("demo survey answers: {:?}", e.0))?;
        let (group_id, unit_id) = survey_responses::placement(db, id, *member).await?;
        let new = NewResponse {
            survey_id: id,
            user_id: Some(*member),
            token_hash: &token_hash(&format!("demo-{n}")),
            group_id,
            unit_id,
            answers: &given,
        };
        survey_responses::insert(db, &new).await?;
    }
    Ok(())
}
