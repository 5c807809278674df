//! The words of her account pages: Tôi and its settings, a forgotten password (groups pack).

pub struct AccountTexts {
    pub logout: &'static str,
    pub logout_all: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub new_password_label: &'static str,
    pub reset_submit: &'static str,
    pub profile_title: &'static str,
    pub settings_title: &'static str,
    pub large_text_label: &'static str,
    pub language_label: &'static str,
    pub install_lead: &'static str,
    pub install: &'static str,
    pub install_later: &'static str,
}

const VI: AccountTexts = AccountTexts {
    logout: "Đăng xuất",
    logout_all: "Đăng xuất khỏi mọi thiết bị",
    forgot_title: "Lấy lại mật khẩu",
    forgot_lead: "Nhập số điện thoại, chúng tôi sẽ gửi mã xác nhận qua tin nhắn SMS. Chị cũng có thể nhờ Ban quản trị nhóm đặt lại mật khẩu.",
    new_password_label: "Mật khẩu mới",
    reset_submit: "Đặt mật khẩu mới",
    profile_title: "Thông tin của tôi",
    settings_title: "Cài đặt",
    large_text_label: "Chữ lớn",
    language_label: "English",
    install_lead: "Thêm Chi hội số vào màn hình chính để mở nhanh như một ứng dụng, kể cả khi không có mạng.",
    install: "Thêm vào màn hình chính",
    install_later: "Để sau",
};

const EN: AccountTexts = AccountTexts {
    logout: "Log out",
    logout_all: "Log out of every device",
    forgot_title: "Reset your password",
    forgot_lead:
        "Enter your phone number and we will text you a code. A group admin can also reset your password.",
    new_password_label: "New password",
    reset_submit: "Set new password",
    profile_title: "My details",
    settings_title: "Settings",
    large_text_label: "Large text",
    language_label: "Tiếng Việt",
    install_lead: "Add Chi hội số to your home screen to open it like an app, even without a connection.",
    install: "Add to home screen",
    install_later: "Not now",
};

pub fn use_account_texts() -> &'static AccountTexts {
    super::pick(&VI, &EN)
}
