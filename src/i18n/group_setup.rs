//! The words of creating a group ("Tạo nhóm"), in the groups chunk, not the first load.

pub struct GroupSetupTexts {
    pub create: &'static str,
    pub lead: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub description_hint: &'static str,
    pub rules: &'static str,
    pub rules_hint: &'static str,
    pub questions: &'static str,
    pub questions_hint: &'static str,
    pub question: &'static str,
    pub privacy: &'static str,
    pub public_hint: &'static str,
    pub closed_hint: &'static str,
    pub unit: &'static str,
    pub unit_hint: &'static str,
    pub save: &'static str,
    pub kept_note: &'static str,
    /// On the card and the page of a group no Hội cadre has verified.
    pub unverified: &'static str,
}

const VI: GroupSetupTexts = GroupSetupTexts {
    create: "Tạo nhóm",
    lead: "Chị sẽ là quản trị viên đầu tiên của nhóm. Nhóm mới hiện là \"Chưa xác minh\" cho đến khi cán bộ Hội cấp trên xác minh.",
    name: "Tên nhóm",
    description: "Giới thiệu nhóm",
    description_hint: "Nhóm dành cho ai, nói về chuyện gì.",
    rules: "Nội quy nhóm",
    rules_hint: "Mỗi điều một dòng.",
    questions: "Câu hỏi khi xin vào nhóm (tối đa 3)",
    questions_hint: "Để trống nếu không cần hỏi.",
    question: "Câu hỏi",
    privacy: "Ai đọc được bài trong nhóm?",
    public_hint: "Ai cũng đọc được; muốn vào nhóm vẫn cần Ban quản trị duyệt.",
    closed_hint: "Chỉ thành viên đọc được bài; ai cũng tìm thấy tên nhóm.",
    unit: "Nhóm thuộc xã/phường",
    unit_hint: "Gõ tên xã/phường, không cần dấu.",
    save: "Tạo nhóm",
    kept_note: "Những gì chị gõ được lưu trên máy cho đến khi nhóm được tạo.",
    unverified: "Chưa xác minh: nhóm do thành viên lập",
};

const EN: GroupSetupTexts = GroupSetupTexts {
    create: "Create a group",
    lead: "You will be its first admin. A new group shows \"Not verified\" until the Union cadres above it verify it.",
    name: "Group name",
    description: "About the group",
    description_hint: "Who it is for, what it talks about.",
    rules: "Group rules",
    rules_hint: "One rule per line.",
    questions: "Questions to people asking to join (up to 3)",
    questions_hint: "Leave empty to ask nothing.",
    question: "Question",
    privacy: "Who can read the group's posts?",
    public_hint: "Anyone can read; joining still needs the board's approval.",
    closed_hint: "Only members read the posts; anyone can find the group's name.",
    unit: "The commune/ward it belongs to",
    unit_hint: "Type the commune's name, accents optional.",
    save: "Create the group",
    kept_note: "What you type is kept on this phone until the group is created.",
    unverified: "Not verified: a group set up by a member",
};

pub fn use_group_setup_texts() -> &'static GroupSetupTexts {
    super::pick(&VI, &EN)
}
