//! The words of scheduling a post for later, on the compose page (groups pack).

pub struct ScheduleTexts {
    pub schedule: &'static str,
    pub hint: &'static str,
    pub when: &'static str,
}

const VI: ScheduleTexts = ScheduleTexts {
    schedule: "Hẹn giờ đăng",
    hint: "Bài hiện trong bảng tin đúng giờ này (giờ Việt Nam); trước đó chỉ Ban quản trị thấy.",
    when: "Đăng lúc",
};

const EN: ScheduleTexts = ScheduleTexts {
    schedule: "Schedule for later",
    hint: "It appears in the feed at this time (Vietnam time); until then only the board sees it.",
    when: "Publish at",
};

pub fn use_schedule_texts() -> &'static ScheduleTexts {
    super::pick(&VI, &EN)
}
