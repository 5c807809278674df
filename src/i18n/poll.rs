//! The words of polls: writing one on the compose page, and voting on the card (groups pack).

use hoi_api::poll::PollResults;

pub struct PollTexts {
    pub kind: &'static str,
    pub question: &'static str,
    pub question_hint: &'static str,
    pub options: &'static str,
    pub option: &'static str,
    pub add_option: &'static str,
    pub remove_option: &'static str,
    pub multiple: &'static str,
    pub results: &'static str,
    pub after_vote: &'static str,
    pub after_close: &'static str,
    pub closes: &'static str,
    pub closes_hint: &'static str,
    pub vote: &'static str,
    pub change: &'static str,
    pub pick_several: &'static str,
    pub voters: &'static str,
    pub votes: &'static str,
    pub closes_at: &'static str,
    pub closed: &'static str,
    pub kept_until_close: &'static str,
    pub members_vote: &'static str,
    pub mine: &'static str,
}

impl PollTexts {
    pub fn results_rule(&self, rule: PollResults) -> &'static str {
        match rule {
            PollResults::AfterVote => self.after_vote,
            PollResults::AfterClose => self.after_close,
        }
    }
}

const VI: PollTexts = PollTexts {
    kind: "Bình chọn",
    question: "Câu hỏi bình chọn",
    question_hint: "Ví dụ: Chị em muốn sinh hoạt vào buổi nào?",
    options: "Các phương án (2–10)",
    option: "Phương án",
    add_option: "+ Thêm phương án",
    remove_option: "Bỏ",
    multiple: "Cho chọn nhiều phương án",
    results: "Kết quả hiện",
    after_vote: "Sau khi chị em bình chọn",
    after_close: "Chỉ khi bình chọn kết thúc",
    closes: "Kết thúc lúc (không bắt buộc)",
    closes_hint: "Giờ Việt Nam. Để trống: mở đến khi gỡ bài.",
    vote: "Bình chọn",
    change: "Đổi lựa chọn",
    pick_several: "Chọn một hoặc nhiều phương án.",
    voters: "người đã bình chọn",
    votes: "phiếu",
    closes_at: "Kết thúc",
    closed: "Đã kết thúc",
    kept_until_close: "Kết quả sẽ hiện khi bình chọn kết thúc.",
    members_vote: "Thành viên của nhóm mới bình chọn được.",
    mine: "Chị chọn",
};

const EN: PollTexts = PollTexts {
    kind: "Poll",
    question: "Poll question",
    question_hint: "For example: when shall we meet?",
    options: "Options (2–10)",
    option: "Option",
    add_option: "+ Add an option",
    remove_option: "Remove",
    multiple: "Allow several choices",
    results: "Show the results",
    after_vote: "Once she has voted",
    after_close: "Only when the poll closes",
    closes: "Closes at (optional)",
    closes_hint: "Vietnam time. Empty: open until the post is removed.",
    vote: "Vote",
    change: "Change my vote",
    pick_several: "Pick one or more options.",
    voters: "have voted",
    votes: "votes",
    closes_at: "Closes",
    closed: "Closed",
    kept_until_close: "The results show when the poll closes.",
    members_vote: "Only the group's members can vote.",
    mine: "Your choice",
};

pub fn use_poll_texts() -> &'static PollTexts {
    super::pick(&VI, &EN)
}
