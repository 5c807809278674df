//! The words of the board's members and join-requests pages (admin pack).

pub struct MembersTexts {
    pub requests_title: &'static str,
    pub role_label: &'static str,
    pub reset_password: &'static str,
    pub reset_confirm: &'static str,
    pub temporary_password: &'static str,
    pub requests_empty: &'static str,
    pub decline: &'static str,
    pub decline_reason_label: &'static str,
    pub confirm_decline: &'static str,
    pub hoi_member_yes: &'static str,
    pub hoi_member_no: &'static str,
    pub overseas_tag: &'static str,
    pub no_home_unit: &'static str,
    pub read_only_note: &'static str,
}

const VI: MembersTexts = MembersTexts {
    requests_title: "Yêu cầu tham gia",
    role_label: "Vai trò",
    reset_password: "Đặt lại mật khẩu",
    reset_confirm: "Đặt lại? Chị ấy sẽ bị đăng xuất khỏi mọi thiết bị.",
    temporary_password: "Mật khẩu tạm, hãy đọc cho chị ấy và nhắc chị ấy đổi sau khi đăng nhập:",
    requests_empty: "Không có yêu cầu nào đang chờ.",
    decline: "Từ chối",
    decline_reason_label: "Lý do (chị ấy sẽ thấy)",
    confirm_decline: "Xác nhận từ chối",
    hoi_member_yes: "Hội viên",
    hoi_member_no: "Chưa là hội viên",
    overseas_tag: "Ở nước ngoài",
    no_home_unit: "Chưa khai nơi ở",
    read_only_note: "Chị xem với vai trò cố vấn: chỉ xem, không duyệt.",
};

const EN: MembersTexts = MembersTexts {
    requests_title: "Join requests",
    role_label: "Role",
    reset_password: "Reset password",
    reset_confirm: "Reset? She will be logged out of every device.",
    temporary_password: "Temporary password; read it to her and ask her to change it after logging in:",
    requests_empty: "No requests waiting.",
    decline: "Decline",
    decline_reason_label: "Reason (she will see it)",
    confirm_decline: "Confirm decline",
    hoi_member_yes: "Union member",
    hoi_member_no: "Not yet a Union member",
    overseas_tag: "Lives abroad",
    no_home_unit: "No commune given",
    read_only_note: "You are viewing as an advisor: read only.",
};

pub fn use_members_texts() -> &'static MembersTexts {
    super::pick(&VI, &EN)
}
