//! The words of a post's page and of the board's decisions on posts (groups and admin packs).

pub struct PostTexts {
    pub comment_hint: &'static str,
    pub reply: &'static str,
    pub send: &'static str,
    pub flag: &'static str,
    pub flag_reason: &'static str,
    pub flagged: &'static str,
    pub delete: &'static str,
    pub edit: &'static str,
    pub who_reacted: &'static str,
    pub confirm_delete: &'static str,
    pub pin: &'static str,
    pub unpin: &'static str,
    pub announce: &'static str,
    pub answer_submit: &'static str,
    pub reject: &'static str,
    pub reason_label: &'static str,
    pub note_to_author: &'static str,
    pub remove: &'static str,
    pub waiting_to_send: &'static str,
}

const VI: PostTexts = PostTexts {
    comment_hint: "Viết bình luận…",
    reply: "Trả lời",
    send: "Gửi",
    flag: "Báo cáo vi phạm",
    flag_reason: "Lý do báo cáo",
    flagged: "Đã gửi báo cáo tới Ban quản trị.",
    delete: "Xóa",
    edit: "Sửa",
    who_reacted: "Người đã bày tỏ cảm xúc",
    confirm_delete: "Xóa bài này? Không thể khôi phục.",
    pin: "Ghim lên đầu",
    unpin: "Bỏ ghim",
    announce: "Thông báo 7 ngày",
    answer_submit: "Gửi câu trả lời",
    reject: "Không duyệt",
    reason_label: "Lý do (người viết sẽ thấy)",
    note_to_author: "Nhắn người viết trước khi duyệt",
    remove: "Gỡ nội dung",
    waiting_to_send: "Chưa có mạng: sẽ tự gửi khi có mạng trở lại.",
};

const EN: PostTexts = PostTexts {
    comment_hint: "Write a comment…",
    reply: "Reply",
    send: "Send",
    flag: "Report",
    flag_reason: "Why are you reporting this?",
    flagged: "Sent to the board.",
    delete: "Delete",
    edit: "Edit",
    who_reacted: "Who reacted",
    confirm_delete: "Delete this post? It cannot be undone.",
    pin: "Pin",
    unpin: "Unpin",
    announce: "Announce for 7 days",
    answer_submit: "Send the answer",
    reject: "Reject",
    reason_label: "Reason (the author sees it)",
    note_to_author: "Message the author before deciding",
    remove: "Remove",
    waiting_to_send: "No connection: this goes out by itself when the connection returns.",
};

pub fn use_post_texts() -> &'static PostTexts {
    super::pick(&VI, &EN)
}
