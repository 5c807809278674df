//! The ready "Khảo sát nhu cầu hội viên": what the pilot's review asks the Hội to learn about its
//! members, over the content themes of Plan 55 (Hội news, culture and folk dance, beauty and
//! health, vocational training, family and children, exemplary women, legal advice). It uses
//! every kind of question once at least and one condition, so an admin who starts from it sees
//! what the builder can do. It lives on the server so the app does not carry its words.

use chrono::{DateTime, Duration, Utc};
use hoi_api::survey::{Question, QuestionKind, Section, ShowIf, SurveyForm};

fn question(id: u32, kind: QuestionKind, text: &str, options: &[&str]) -> Question {
    Question {
        id,
        kind,
        text: text.to_owned(),
        help: String::new(),
        required: true,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        other: false,
        max_choices: 0,
        min: None,
        max: None,
        show_if: None,
    }
}

/// The template, opening now and closing in two weeks; the admin picks the audience.
pub fn needs_survey(now: DateTime<Utc>) -> SurveyForm {
    use QuestionKind::*;
    let mut themes = question(
        4,
        Multiple,
        "Chị quan tâm nhất đến những nội dung nào?",
        &[
            "Tin tức, hoạt động của Hội",
            "Văn hóa, dân vũ, thể thao",
            "Làm đẹp và sức khỏe",
            "Học nghề, khởi nghiệp",
            "Gia đình và nuôi dạy con",
            "Gương phụ nữ tiêu biểu",
            "Tư vấn pháp luật",
        ],
    );
    themes.help = "Chọn tối đa 3 nội dung.".into();
    themes.max_choices = 3;
    themes.other = true;
    let mut trade = question(
        7,
        Dropdown,
        "Chị muốn học nghề gì?",
        &[
            "May mặc",
            "Nấu ăn, làm bánh",
            "Làm đẹp (cắt tóc, trang điểm)",
            "Bán hàng trực tuyến",
            "Trồng trọt, chăn nuôi",
            "Tin học văn phòng",
        ],
    );
    trade.show_if = Some(ShowIf {
        question: 6,
        option: 0,
    });
    trade.other = true;
    let mut hours = question(8, Number, "Mỗi tuần chị dành được bao nhiêu giờ để học?", &[]);
    hours.show_if = Some(ShowIf {
        question: 6,
        option: 0,
    });
    hours.min = Some(0.0);
    hours.max = Some(40.0);
    hours.required = false;
    let mut children = question(9, Number, "Chị có mấy con dưới 16 tuổi?", &[]);
    children.min = Some(0.0);
    children.max = Some(15.0);
    let mut legal = question(
        10,
        Multiple,
        "Chị cần tư vấn pháp luật về vấn đề nào?",
        &[
            "Hôn nhân và gia đình",
            "Đất đai, nhà ở",
            "Phòng, chống bạo lực gia đình",
            "Lao động, việc làm, bảo hiểm",
            "Thừa kế",
            "Chưa cần",
        ],
    );
    legal.required = false;
    let mut meeting = question(12, Date, "Ngày nào thuận tiện để chị dự buổi sinh hoạt tới?", &[]);
    meeting.required = false;
    let mut branch = question(13, ShortText, "Chị đang sinh hoạt ở chi hội nào (nếu có)?", &[]);
    branch.required = false;
    let mut wishes = question(14, Paragraph, "Chị mong nhóm tổ chức thêm hoạt động gì?", &[]);
    wishes.required = false;
    wishes.help = "Ví dụ: lớp dân vũ cuối tuần, buổi nói chuyện về nuôi dạy con tuổi mới lớn.".into();
    SurveyForm {
        title: "Khảo sát nhu cầu hội viên".into(),
        intro: "Hội LHPN muốn biết chị cần gì để các hoạt động của nhóm thiết thực hơn. \
                Khảo sát mất khoảng 5 phút; câu trả lời của chị được lưu trên máy nên chị có thể làm dần."
            .into(),
        opens_at: now,
        closes_at: now + Duration::days(14),
        group_ids: Vec::new(),
        unit_ids: Vec::new(),
        anonymous: false,
        show_summary: true,
        sections: vec![
            Section {
                title: "Về chị".into(),
                questions: vec![
                    question(
                        1,
                        Single,
                        "Chị bao nhiêu tuổi?",
                        &["Dưới 30", "30 – 45", "46 – 60", "Trên 60"],
                    ),
                    question(2, Commune, "Chị đang sống ở xã/phường nào?", &[]),
                    question(3, YesNo, "Chị đã là hội viên Hội LHPN chưa?", &[]),
                ],
            },
            Section {
                title: "Nội dung chị quan tâm".into(),
                questions: vec![themes, question(5, Rating, "Chị hài lòng với nhóm đến đâu?", &[])],
            },
            Section {
                title: "Học nghề, việc làm".into(),
                questions: vec![
                    question(6, YesNo, "Chị có muốn học thêm một nghề không?", &[]),
                    trade,
                    hours,
                ],
            },
            Section {
                title: "Gia đình".into(),
                questions: vec![
                    children,
                    legal,
                    question(
                        11,
                        Single,
                        "Chị tham gia hoạt động vào lúc nào thì thuận tiện?",
                        &["Buổi sáng", "Buổi trưa", "Buổi tối", "Cuối tuần"],
                    ),
                    meeting,
                ],
            },
            Section {
                title: "Góp ý".into(),
                questions: vec![branch, wishes],
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_survey_once_it_has_an_audience() {
        let mut form = needs_survey(DateTime::from_timestamp(1_800_000_000, 0).unwrap());
        assert!(form.validate().is_err(), "no audience yet");
        form.group_ids = vec![1];
        assert!(form.validate().is_ok(), "{:?}", form.validate().err());
        let mut kinds: Vec<_> = form.questions().map(|q| q.kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        assert_eq!(kinds.len(), QuestionKind::ALL.len(), "every kind of question");
        assert!(form.questions().any(|q| q.show_if.is_some()));
    }
}
