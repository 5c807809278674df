//! The words of "Việc hôm nay", in the admin pack (only board members and cadres see it).

use hoi_api::todo::TodoKind;

pub struct TodoTexts {
    pub title: &'static str,
    pub nothing: &'static str,
    pub waiting_since: &'static str,
    pub your_units: &'static str,
    /// One per [`TodoKind`], in its order.
    pub kinds: [&'static str; 6],
}

const VI: TodoTexts = TodoTexts {
    title: "Việc hôm nay",
    nothing: "Không có việc gì đang chờ chị. Chúc chị một ngày nhẹ nhàng!",
    waiting_since: "chờ từ",
    your_units: "Đơn vị của chị",
    kinds: [
        "yêu cầu tham gia nhóm",
        "bài viết chờ duyệt",
        "báo cáo vi phạm",
        "câu hỏi chưa trả lời",
        "đơn xin vào Hội",
        "bài dự thi chờ duyệt",
    ],
};

const EN: TodoTexts = TodoTexts {
    title: "Today's to-do",
    nothing: "Nothing is waiting for you. Have a gentle day!",
    waiting_since: "oldest",
    your_units: "Your units",
    kinds: [
        "requests to join",
        "posts to approve",
        "reports",
        "unanswered questions",
        "applications to the Union",
        "contest entries to approve",
    ],
};

pub fn use_todo_texts() -> &'static TodoTexts {
    super::pick(&VI, &EN)
}

impl TodoTexts {
    pub fn kind(&self, kind: TodoKind) -> &'static str {
        self.kinds[TodoKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }
}
