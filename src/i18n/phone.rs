//! The words of "Đổi số điện thoại" on the Tôi page (in that page's chunk, not the first load).

pub struct PhoneTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub new_phone: &'static str,
    pub password: &'static str,
    pub change: &'static str,
    pub changed: &'static str,
}

const VI: PhoneTexts = PhoneTexts {
    title: "Đổi số điện thoại",
    lead: "Đổi sang số mới (ví dụ khi thay SIM): chúng tôi nhắn một mã tới số mới để chắc chắn đó là số của chị.",
    new_phone: "Số điện thoại mới",
    password: "Mật khẩu hiện tại",
    change: "Đổi số",
    changed: "Đã đổi số. Từ nay chị đăng nhập bằng số mới.",
};

const EN: PhoneTexts = PhoneTexts {
    title: "Change phone number",
    lead: "Move to a new number (a new SIM, say): we text a code to the new number to make sure it is yours.",
    new_phone: "New phone number",
    password: "Current password",
    change: "Change number",
    changed: "Number changed. From now on you log in with the new one.",
};

pub fn use_phone_texts() -> &'static PhoneTexts {
    super::pick(&VI, &EN)
}
