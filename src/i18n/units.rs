//! The words of the Hội's units ("Đơn vị"): her units, a unit's page, naming its cadres and
//! advisors. In the admin pack, not the first load.

use hoi_api::units::UnitRole;

pub struct UnitTexts {
    pub mine_title: &'static str,
    pub mine_none: &'static str,
    /// On the Tôi tab: the units she was named to.
    pub named_to: &'static str,
    pub open: &'static str,
    pub above: &'static str,
    pub members: &'static str,
    pub open_applications: &'static str,
    pub see_applications: &'static str,
    pub people: &'static str,
    pub no_people: &'static str,
    pub cadre: &'static str,
    pub advisor: &'static str,
    pub cadre_hint: &'static str,
    pub advisor_hint: &'static str,
    pub name_title: &'static str,
    pub name_hint: &'static str,
    pub phone: &'static str,
    pub role: &'static str,
    pub name_button: &'static str,
    pub remove: &'static str,
    pub remove_confirm: &'static str,
    pub decline: &'static str,
    pub decline_confirm: &'static str,
    pub children: &'static str,
    pub groups_count: &'static str,
    pub groups: &'static str,
    pub no_groups: &'static str,
    pub changes: &'static str,
    pub no_changes: &'static str,
    /// `unit.cadre_named` and the other actions of the log, in words.
    pub actions: [(&'static str, &'static str); 7],
}

const VI: UnitTexts = UnitTexts {
    mine_title: "Đơn vị Hội của tôi",
    mine_none: "Chị chưa được cử làm cán bộ hay cố vấn của đơn vị nào.",
    named_to: "Chị được cử vào đơn vị Hội:",
    open: "Mở trang đơn vị",
    above: "Thuộc",
    members: "phụ nữ trong các nhóm (mỗi người tính một lần)",
    open_applications: "đơn xin vào Hội đang chờ",
    see_applications: "Xem đơn",
    people: "Cán bộ và cố vấn",
    no_people: "Chưa có ai được cử.",
    cadre: "Cán bộ Hội",
    advisor: "Cố vấn",
    cadre_hint: "Quản lý đơn vị này và mọi đơn vị bên dưới.",
    advisor_hint: "Chỉ xem báo cáo và hàng chờ; không viết bài hay duyệt được ở bất kỳ đâu.",
    name_title: "Cử người",
    name_hint: "Chị ấy phải đã có tài khoản. Chị ấy sẽ thấy việc được cử ở thẻ Tôi và có thể từ chối.",
    phone: "Số điện thoại của chị ấy",
    role: "Vai trò",
    name_button: "Cử",
    remove: "Bỏ",
    remove_confirm: "Bỏ người này khỏi đơn vị?",
    decline: "Từ chối vai trò này",
    decline_confirm: "Chị thôi nhận vai trò ở đơn vị này?",
    children: "Đơn vị trực thuộc",
    groups_count: "nhóm",
    groups: "Các nhóm (chưa xác minh ở trên)",
    no_groups: "Chưa có nhóm nào.",
    changes: "Nhật ký thay đổi",
    no_changes: "Chưa có thay đổi nào.",
    actions: [
        ("unit.cadre_named", "cử cán bộ"),
        ("unit.advisor_named", "cử cố vấn"),
        ("unit.cadre_removed", "bỏ cán bộ"),
        ("unit.advisor_removed", "bỏ cố vấn"),
        ("unit.cadre_declined", "thôi nhận vai trò cán bộ:"),
        ("unit.advisor_declined", "thôi nhận vai trò cố vấn:"),
        ("unit.branch_created", "lập chi hội"),
    ],
};

const EN: UnitTexts = UnitTexts {
    mine_title: "My Union units",
    mine_none: "You have not been named a cadre or advisor of any unit.",
    named_to: "You were named to a Union unit:",
    open: "Open the unit's page",
    above: "Part of",
    members: "women in its groups (each counted once)",
    open_applications: "applications to the Union waiting",
    see_applications: "See them",
    people: "Cadres and advisors",
    no_people: "Nobody named yet.",
    cadre: "Union cadre",
    advisor: "Advisor",
    cadre_hint: "Runs this unit and every unit below it.",
    advisor_hint: "Reads reports and queues only; cannot post or decide anywhere.",
    name_title: "Name someone",
    name_hint: "She must already have an account. She sees it on her Me tab and can decline.",
    phone: "Her phone number",
    role: "Role",
    name_button: "Name",
    remove: "Remove",
    remove_confirm: "Remove this person from the unit?",
    decline: "Decline this role",
    decline_confirm: "Give up your role in this unit?",
    children: "Units below",
    groups_count: "groups",
    groups: "Groups (unverified first)",
    no_groups: "No groups yet.",
    changes: "Change log",
    no_changes: "No changes yet.",
    actions: [
        ("unit.cadre_named", "named cadre"),
        ("unit.advisor_named", "named advisor"),
        ("unit.cadre_removed", "removed cadre"),
        ("unit.advisor_removed", "removed advisor"),
        ("unit.cadre_declined", "declined the cadre role:"),
        ("unit.advisor_declined", "declined the advisor role:"),
        ("unit.branch_created", "added branch"),
    ],
};

pub fn use_unit_texts() -> &'static UnitTexts {
    super::pick(&VI, &EN)
}

impl UnitTexts {
    pub fn role(&self, role: UnitRole) -> &'static str {
        match role {
            UnitRole::Cadre => self.cadre,
            UnitRole::Advisor => self.advisor,
        }
    }

    /// An action of the log in words; one this version does not know reads as it is stored.
    pub fn action<'a>(&self, action: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|(key, _)| *key == action)
            .map_or(action, |(_, words)| words)
    }
}
