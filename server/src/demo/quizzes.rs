//! Demo quiz contests: one open in Gia Lâm to take today, one closed last week with its winners.

use chrono::{Duration, Utc};
use hoi_api::quiz::{PredictionKind, Prizes, QuestionDraft, QuestionKind, QuizForm, TieBreak};

use crate::db::{quiz_attempts, quizzes, Db};

fn question(text: &str, options: [&str; 4], correct: &[u8], explanation: &str) -> QuestionDraft {
    QuestionDraft {
        text: text.into(),
        kind: if correct.len() > 1 {
            QuestionKind::Multiple
        } else {
            QuestionKind::Single
        },
        options: options.map(String::from).to_vec(),
        correct: correct.to_vec(),
        points: 10,
        explanation: explanation.into(),
    }
}

fn bank() -> Vec<QuestionDraft> {
    vec![
        question(
            "Hội Liên hiệp Phụ nữ Việt Nam được thành lập ngày nào?",
            ["20/10/1930", "8/3/1930", "3/2/1930", "19/5/1930"],
            &[0],
            "Ngày 20/10/1930 Hội Phụ nữ phản đế Đông Dương, tiền thân của Hội LHPN Việt Nam, ra đời.",
        ),
        question(
            "Ngày Phụ nữ Việt Nam là ngày nào?",
            ["20/10", "8/3", "1/6", "19/5"],
            &[0],
            "Ngày thành lập Hội, 20/10, được chọn làm Ngày Phụ nữ Việt Nam.",
        ),
        question(
            "Ngày Quốc tế Phụ nữ là ngày nào?",
            ["8/3", "20/10", "1/5", "2/9"],
            &[0],
            "",
        ),
        question(
            "Luật Bình đẳng giới được Quốc hội thông qua năm nào?",
            ["2006", "2010", "2015", "2020"],
            &[0],
            "Luật Bình đẳng giới được thông qua ngày 29/11/2006.",
        ),
        question(
            "Tổng đài quốc gia bảo vệ trẻ em là số nào?",
            ["111", "113", "114", "115"],
            &[0],
            "Gọi 111 miễn phí, 24 giờ mỗi ngày.",
        ),
        question(
            "Số điện thoại gọi cấp cứu y tế là số nào?",
            ["115", "113", "114", "111"],
            &[0],
            "",
        ),
        question(
            "Luật Phòng, chống bạo lực gia đình năm 2022 có hiệu lực từ ngày nào?",
            ["1/7/2023", "1/1/2022", "1/1/2024", "1/7/2021"],
            &[0],
            "",
        ),
        question(
            "Những việc nào là hành vi bạo lực gia đình?",
            [
                "Đánh đập thành viên gia đình",
                "Cưỡng ép tảo hôn",
                "Cùng nhau bàn bạc chi tiêu",
                "Chăm sóc cha mẹ già",
            ],
            &[0, 1],
            "Đánh đập và cưỡng ép tảo hôn đều là hành vi bạo lực gia đình theo Luật.",
        ),
    ]
}

fn form(
    title: &str,
    group: i64,
    opens_days_ago: i64,
    closes_in_days: i64,
    questions: Vec<QuestionDraft>,
    draw: u32,
) -> QuizForm {
    let now = Utc::now();
    QuizForm {
        title: title.into(),
        rules: "Mỗi hội viên dự thi một lần, làm bài trong thời gian quy định.\n\
                Xếp giải theo điểm; bằng điểm thì xét câu dự đoán, rồi thời gian làm bài."
            .into(),
        opens_at: now - Duration::days(opens_days_ago),
        closes_at: now + Duration::days(closes_in_days),
        minutes: 10,
        attempts: 1,
        draw,
        shuffle_options: true,
        group_ids: vec![group],
        unit_ids: Vec::new(),
        prediction: Some(PredictionKind::PerfectScores),
        tie_breaks: TieBreak::DEFAULT.to_vec(),
        prizes: Prizes {
            first: 1,
            second: 1,
            third: 1,
            consolation: 2,
        },
        score_after_submit: true,
        questions,
        cover_id: None,
    }
}

/// Seeds both quizzes; `members` (of the Gia Lâm group) took the closed one.
pub async fn seed(db: &Db, group: i64, admin: i64, members: &[i64]) -> anyhow::Result<()> {
    let open = form(
        "Tìm hiểu 96 năm ngày thành lập Hội LHPN Việt Nam",
        group,
        1,
        30,
        bank(),
        5,
    );
    quizzes::create(db, &open, admin).await?;

    let closed_form = form(
        "Tìm hiểu pháp luật về phòng, chống bạo lực gia đình",
        group,
        10,
        -3,
        bank()[3..].to_vec(),
        0,
    );
    let id = quizzes::create(db, &closed_form, admin).await?;
    let quiz = quizzes::get(db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo quiz"))?;
    let started = (Utc::now() - Duration::days(5)).timestamp_millis();
    for (n, member) in members.iter().take(6).enumerate() {
        let n = i64::try_from(n)?;
        let at = started + n * 3_600_000;
        let Some(attempt) = quiz_attempts::start(db, &quiz, *member, 1, at).await? else {
            continue;
        };
        // The first papers are all right; later ones miss one more question each.
        for (i, row) in quiz_attempts::paper(db, attempt).await?.iter().enumerate() {
            let right = i64::try_from(i)? + n / 2 < 5;
            let wrong = (0..).find(|p| !row.correct.contains(p)).unwrap_or(0);
            let wrong = [wrong];
            let chosen = row.member_ids(if right { &row.correct } else { &wrong });
            quiz_attempts::save_answer(db, attempt, *member, row.question_id, &chosen, at + 20_000)
                .await?
                .map_err(|e| anyhow::anyhow!("demo answer refused: {e:?}"))?;
        }
        quiz_attempts::save_prediction(db, attempt, *member, 1 + n % 3, at + 30_000)
            .await?
            .map_err(|e| anyhow::anyhow!("demo prediction refused: {e:?}"))?;
        if let Some(attempt) = quiz_attempts::get(db, attempt).await? {
            quiz_attempts::submit(db, &attempt, at + 90_000 + n * 7_000).await?;
        }
    }
    quiz_attempts::rank_if_closed(db, &quiz).await?;
    Ok(())
}
