//! The words of a group's page and of the group directory (groups pack).

pub struct GroupTexts {
    pub groups_title: &'static str,
    pub search_groups_hint: &'static str,
    pub group_about: &'static str,
    pub group_rules: &'static str,
    pub join_title: &'static str,
    pub join_lead: &'static str,
    pub join_submit: &'static str,
    pub join_pending: &'static str,
    pub withdraw: &'static str,
    pub joined: &'static str,
    pub declined_reason: &'static str,
    pub login_to_join: &'static str,
    pub invite_title: &'static str,
    pub invite_lead: &'static str,
    pub link_copied: &'static str,
    pub review_requests: &'static str,
    pub posts_waiting: &'static str,
    pub my_waiting: &'static str,
}

const VI: GroupTexts = GroupTexts {
    groups_title: "Tìm nhóm",
    search_groups_hint: "Tên nhóm hoặc xã/phường, ví dụ: gia lam",
    group_about: "Giới thiệu",
    group_rules: "Quy chế nhóm",
    join_title: "Tham gia nhóm",
    join_lead: "Ban quản trị cần chị trả lời các câu hỏi sau để duyệt yêu cầu.",
    join_submit: "Gửi yêu cầu tham gia",
    join_pending: "Yêu cầu của chị đang chờ Ban quản trị duyệt.",
    withdraw: "Rút yêu cầu",
    joined: "Chị đã là thành viên của nhóm.",
    declined_reason: "Yêu cầu chưa được duyệt. Lý do:",
    login_to_join: "Đăng nhập để tham gia",
    invite_title: "Mời bạn bè",
    invite_lead: "Gửi đường link hoặc cho quét mã QR để mở trang nhóm.",
    link_copied: "Đã sao chép đường link",
    review_requests: "Duyệt yêu cầu tham gia",
    posts_waiting:
        "Bài viết của chị đang chờ mạng; khi có mạng trở lại, bài sẽ tự gửi đi để Ban quản trị duyệt.",
    my_waiting: "Bài của tôi chưa đăng",
};

const EN: GroupTexts = GroupTexts {
    groups_title: "Find a group",
    search_groups_hint: "Group or commune name, e.g. gia lam",
    group_about: "About",
    group_rules: "Group rules",
    join_title: "Join the group",
    join_lead: "The admins need your answers to these questions to approve you.",
    join_submit: "Ask to join",
    join_pending: "Your request is waiting for the admins.",
    withdraw: "Withdraw request",
    joined: "You are a member of this group.",
    declined_reason: "Your request was not approved. Reason:",
    login_to_join: "Log in to join",
    invite_title: "Invite friends",
    invite_lead: "Send the link or let them scan the QR code to open the group page.",
    link_copied: "Link copied",
    review_requests: "Review join requests",
    posts_waiting: "Your post waits for a connection; it goes out by itself for the board to approve when the connection returns.",
    my_waiting: "My posts not yet published",
};

pub fn use_group_texts() -> &'static GroupTexts {
    super::pick(&VI, &EN)
}
