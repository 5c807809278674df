//! Every string the app shows, in one place: Vietnamese first, English by a switch.
//!
//! Each language is one `Texts` value, so the compiler refuses a string missing in either.

use hoi_api::{groups::Role, ErrorCode};
use leptos::prelude::*;

use crate::prefs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub tab_feed: &'static str,
    pub tab_contests: &'static str,
    pub tab_surveys: &'static str,
    pub tab_join_hoi: &'static str,
    pub tab_me: &'static str,
    pub switch_group: &'static str,
    pub welcome_lead: &'static str,
    pub find_group: &'static str,
    pub register: &'static str,
    pub login: &'static str,
    pub logout: &'static str,
    pub logout_all: &'static str,
    pub my_groups: &'static str,
    pub no_groups_yet: &'static str,
    pub register_title: &'static str,
    pub phone_label: &'static str,
    pub phone_hint: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub password_label: &'static str,
    pub password_hint: &'static str,
    pub show_password: &'static str,
    pub register_submit: &'static str,
    pub have_account: &'static str,
    pub no_account: &'static str,
    pub login_title: &'static str,
    pub login_submit: &'static str,
    pub forgot_password: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub send_code: &'static str,
    pub code_sent: &'static str,
    pub code_label: &'static str,
    pub new_password_label: &'static str,
    pub reset_submit: &'static str,
    pub profile_title: &'static str,
    pub home_unit_label: &'static str,
    pub province_label: &'static str,
    pub choose_province: &'static str,
    pub commune_label: &'static str,
    pub commune_search_hint: &'static str,
    pub overseas_label: &'static str,
    pub hoi_member_label: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub settings_title: &'static str,
    pub large_text_label: &'static str,
    pub language_label: &'static str,
    pub groups_title: &'static str,
    pub search_groups_hint: &'static str,
    pub members: &'static str,
    pub verified: &'static str,
    pub public_group: &'static str,
    pub closed_group: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub status_declined: &'static str,
    pub load_more: &'static str,
    pub no_results: &'static str,
    pub group_about: &'static str,
    pub group_rules: &'static str,
    pub group_board: &'static str,
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
    pub share: &'static str,
    pub link_copied: &'static str,
    pub review_requests: &'static str,
    pub requests_title: &'static str,
    pub requests_empty: &'static str,
    pub approve: &'static str,
    pub decline: &'static str,
    pub decline_reason_label: &'static str,
    pub confirm_decline: &'static str,
    pub cancel: &'static str,
    pub hoi_member_yes: &'static str,
    pub hoi_member_no: &'static str,
    pub overseas_tag: &'static str,
    pub no_home_unit: &'static str,
    pub read_only_note: &'static str,
    pub coming_title: &'static str,
    pub coming_contests: &'static str,
    pub coming_surveys: &'static str,
    pub coming_join_hoi: &'static str,
    pub network_error: &'static str,
    pub retry: &'static str,
    pub loading: &'static str,
    pub back_to_group: &'static str,
    pub just_now: &'static str,
    pub minutes_ago: &'static str,
    pub hours_ago: &'static str,
    pub days_ago: &'static str,
    pub role_admin: &'static str,
    pub role_moderator: &'static str,
    pub role_advisor: &'static str,
    pub role_member: &'static str,
}

pub const VI: Texts = Texts {
    app_name: "Chi hội số",
    tagline: "Nơi chị em Hội Liên hiệp Phụ nữ gặp nhau trên mạng",
    tab_feed: "Bảng tin",
    tab_contests: "Cuộc thi",
    tab_surveys: "Khảo sát",
    tab_join_hoi: "Vào Hội",
    tab_me: "Tôi",
    switch_group: "Chọn nhóm",
    welcome_lead: "Tham gia nhóm phụ nữ nơi chị sinh sống: tin hoạt động Hội, sức khỏe, gia đình, cuộc thi và khảo sát, an toàn và không quảng cáo.",
    find_group: "Tìm nhóm",
    register: "Đăng ký",
    login: "Đăng nhập",
    logout: "Đăng xuất",
    logout_all: "Đăng xuất khỏi mọi thiết bị",
    my_groups: "Nhóm của tôi",
    no_groups_yet: "Chị chưa tham gia nhóm nào. Hãy tìm nhóm ở xã/phường của chị.",
    register_title: "Tạo tài khoản",
    phone_label: "Số điện thoại",
    phone_hint: "Số di động, ví dụ 0912 345 678",
    name_label: "Họ và tên",
    name_hint: "Tên hiển thị với các thành viên khác",
    password_label: "Mật khẩu",
    password_hint: "Ít nhất 8 ký tự, có thể là một câu dễ nhớ",
    show_password: "Hiện mật khẩu",
    register_submit: "Đăng ký",
    have_account: "Đã có tài khoản? Đăng nhập",
    no_account: "Chưa có tài khoản? Đăng ký",
    login_title: "Đăng nhập",
    login_submit: "Đăng nhập",
    forgot_password: "Quên mật khẩu?",
    forgot_title: "Lấy lại mật khẩu",
    forgot_lead: "Nhập số điện thoại, chúng tôi sẽ gửi mã xác nhận qua tin nhắn SMS. Chị cũng có thể nhờ Ban quản trị nhóm đặt lại mật khẩu.",
    send_code: "Gửi mã",
    code_sent: "Đã gửi mã. Mã có hiệu lực trong 10 phút.",
    code_label: "Mã xác nhận (6 số)",
    new_password_label: "Mật khẩu mới",
    reset_submit: "Đặt mật khẩu mới",
    profile_title: "Thông tin của tôi",
    home_unit_label: "Nơi sinh sống",
    province_label: "Tỉnh/thành phố",
    choose_province: "— Chọn tỉnh/thành phố —",
    commune_label: "Xã/phường",
    commune_search_hint: "Gõ tên xã/phường, không cần dấu",
    overseas_label: "Tôi đang sống ở nước ngoài",
    hoi_member_label: "Tôi đã là hội viên Hội LHPN",
    save: "Lưu",
    saved: "Đã lưu",
    settings_title: "Cài đặt",
    large_text_label: "Chữ lớn",
    language_label: "English",
    groups_title: "Tìm nhóm",
    search_groups_hint: "Tên nhóm hoặc xã/phường, ví dụ: gia lam",
    members: "thành viên",
    verified: "Đã xác minh",
    public_group: "Nhóm công khai",
    closed_group: "Nhóm kín",
    status_pending: "Đang chờ duyệt",
    status_active: "Đã tham gia",
    status_declined: "Chưa được duyệt",
    load_more: "Xem thêm",
    no_results: "Không tìm thấy nhóm nào.",
    group_about: "Giới thiệu",
    group_rules: "Quy chế nhóm",
    group_board: "Ban quản trị",
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
    share: "Chia sẻ",
    link_copied: "Đã sao chép đường link",
    review_requests: "Duyệt yêu cầu tham gia",
    requests_title: "Yêu cầu tham gia",
    requests_empty: "Không có yêu cầu nào đang chờ.",
    approve: "Duyệt",
    decline: "Từ chối",
    decline_reason_label: "Lý do (chị ấy sẽ thấy)",
    confirm_decline: "Xác nhận từ chối",
    cancel: "Hủy",
    hoi_member_yes: "Hội viên",
    hoi_member_no: "Chưa là hội viên",
    overseas_tag: "Ở nước ngoài",
    no_home_unit: "Chưa khai nơi ở",
    read_only_note: "Chị xem với vai trò cố vấn: chỉ xem, không duyệt.",
    coming_title: "Sắp ra mắt",
    coming_contests: "Cuộc thi tìm hiểu và cuộc thi ảnh của Hội sẽ có ở đây.",
    coming_surveys: "Khảo sát nhu cầu hội viên sẽ có ở đây.",
    coming_join_hoi: "Đơn xin gia nhập Hội LHPN sẽ có ở đây.",
    network_error: "Không có kết nối mạng. Nội dung chị đã nhập vẫn được giữ, hãy thử lại.",
    retry: "Thử lại",
    loading: "Đang tải…",
    back_to_group: "Về trang nhóm",
    just_now: "vừa xong",
    minutes_ago: "phút trước",
    hours_ago: "giờ trước",
    days_ago: "ngày trước",
    role_admin: "Quản trị viên",
    role_moderator: "Kiểm duyệt viên",
    role_advisor: "Cố vấn",
    role_member: "Thành viên",
};

pub const EN: Texts = Texts {
    app_name: "Chi hội số",
    tagline: "Where the Women's Union meets online",
    tab_feed: "Feed",
    tab_contests: "Contests",
    tab_surveys: "Surveys",
    tab_join_hoi: "Join the Union",
    tab_me: "Me",
    switch_group: "Choose a group",
    welcome_lead: "Join the women's group where you live: Union news, health, family, contests and surveys, safe and free of ads.",
    find_group: "Find a group",
    register: "Sign up",
    login: "Log in",
    logout: "Log out",
    logout_all: "Log out of every device",
    my_groups: "My groups",
    no_groups_yet: "You have not joined a group yet. Find the group of your commune.",
    register_title: "Create an account",
    phone_label: "Phone number",
    phone_hint: "Mobile number, e.g. 0912 345 678",
    name_label: "Full name",
    name_hint: "The name other members see",
    password_label: "Password",
    password_hint: "At least 8 characters; a sentence you remember works well",
    show_password: "Show password",
    register_submit: "Sign up",
    have_account: "Have an account? Log in",
    no_account: "No account yet? Sign up",
    login_title: "Log in",
    login_submit: "Log in",
    forgot_password: "Forgot your password?",
    forgot_title: "Reset your password",
    forgot_lead: "Enter your phone number and we will text you a code. A group admin can also reset your password.",
    send_code: "Send code",
    code_sent: "Code sent. It is valid for 10 minutes.",
    code_label: "Code (6 digits)",
    new_password_label: "New password",
    reset_submit: "Set new password",
    profile_title: "My details",
    home_unit_label: "Where I live",
    province_label: "Province/city",
    choose_province: "— Choose a province —",
    commune_label: "Commune/ward",
    commune_search_hint: "Type the commune's name, accents optional",
    overseas_label: "I live abroad",
    hoi_member_label: "I am already a member of the Women's Union",
    save: "Save",
    saved: "Saved",
    settings_title: "Settings",
    large_text_label: "Large text",
    language_label: "Tiếng Việt",
    groups_title: "Find a group",
    search_groups_hint: "Group or commune name, e.g. gia lam",
    members: "members",
    verified: "Verified",
    public_group: "Public group",
    closed_group: "Closed group",
    status_pending: "Awaiting approval",
    status_active: "Joined",
    status_declined: "Not approved",
    load_more: "Show more",
    no_results: "No group found.",
    group_about: "About",
    group_rules: "Group rules",
    group_board: "Admin board",
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
    share: "Share",
    link_copied: "Link copied",
    review_requests: "Review join requests",
    requests_title: "Join requests",
    requests_empty: "No requests waiting.",
    approve: "Approve",
    decline: "Decline",
    decline_reason_label: "Reason (she will see it)",
    confirm_decline: "Confirm decline",
    cancel: "Cancel",
    hoi_member_yes: "Union member",
    hoi_member_no: "Not yet a Union member",
    overseas_tag: "Lives abroad",
    no_home_unit: "No commune given",
    read_only_note: "You are viewing as an advisor: read only.",
    coming_title: "Coming soon",
    coming_contests: "The Union's quiz and photo contests will be here.",
    coming_surveys: "Members' needs surveys will be here.",
    coming_join_hoi: "Applications to join the Women's Union will be here.",
    network_error: "No connection. What you typed is kept; please try again.",
    retry: "Try again",
    loading: "Loading…",
    back_to_group: "Back to the group",
    just_now: "just now",
    minutes_ago: "min ago",
    hours_ago: "h ago",
    days_ago: "days ago",
    role_admin: "Admin",
    role_moderator: "Moderator",
    role_advisor: "Advisor",
    role_member: "Member",
};

impl Texts {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.role_admin,
            Role::Moderator => self.role_moderator,
            Role::Advisor => self.role_advisor,
            Role::Member => self.role_member,
        }
    }
}

const LANG_KEY: &str = "hoi.lang";

/// The chosen language, shared by the whole app.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn provide() -> I18n {
        let lang = if prefs::load(LANG_KEY).as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Vi
        };
        let i18n = I18n(RwSignal::new(lang));
        provide_context(i18n);
        i18n
    }

    pub fn set(self, lang: Lang) {
        prefs::save(LANG_KEY, if lang == Lang::En { "en" } else { "vi" });
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", if lang == Lang::En { "en" } else { "vi" });
        }
        self.0.set(lang);
    }
}

/// The texts of the current language. Read once, not tracked: switching language re-mounts the
/// app (see `App`), so pages hold plain strings instead of one reactive closure per string,
/// which would cost the phone tens of kilobytes of wasm.
pub fn use_texts() -> &'static Texts {
    texts(
        use_context::<I18n>()
            .map(|i| i.0.get_untracked())
            .unwrap_or(Lang::Vi),
    )
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// An error code as the person reads it. Vietnamese comes from the contract crate, where the
/// server takes its fallback messages too.
pub fn error_text(lang: Lang, code: ErrorCode, retry_minutes: Option<u32>) -> String {
    if code == ErrorCode::RateLimited {
        if let Some(minutes) = retry_minutes {
            return match lang {
                Lang::Vi => format!("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút."),
                Lang::En => format!("Too many tries. Please try again in {minutes} minutes."),
            };
        }
    }
    match lang {
        Lang::Vi => code.message_vi().to_owned(),
        Lang::En => english_error(code).to_owned(),
    }
}

fn english_error(code: ErrorCode) -> &'static str {
    use ErrorCode::*;
    match code {
        MalformedJson => "The request was not understood.",
        PayloadTooLarge => "That is too large to send.",
        ValidationFailed => "Please check the marked fields.",
        Unauthenticated => "Please log in to continue.",
        Forbidden => "You are not allowed to do this.",
        NotFound => "This could not be found.",
        Conflict => "This could not be done because something changed.",
        RateLimited => "Too many tries. Please try again later.",
        WrongCredentials => "Wrong phone number or password.",
        Internal => "Something went wrong. Please try again later.",
        Required => "Please fill this in.",
        InvalidPhone => "Not a valid number. Enter a Vietnamese mobile number, e.g. 0912 345 678.",
        PhoneTaken => "This number is already registered. Please log in.",
        PasswordTooShort => "The password needs at least 8 characters.",
        PasswordTooLong => "The password is too long (at most 128 characters).",
        PasswordTooCommon => "This password is too easy to guess. Choose another.",
        NameTooShort => "The name is too short.",
        NameTooLong => "The name is too long.",
        TextTooLong => "The text is too long.",
        TooManyQuestions => "A group may ask at most 3 questions.",
        AnswerRequired => "Please answer this question.",
        UnknownUnit => "This commune/ward was not found.",
        InvalidCode => "The code is wrong or has expired.",
        AlreadyMember => "You are already a member of this group.",
        RequestPending => "Your request is waiting for approval.",
        Banned => "You cannot join this group.",
    }
}
