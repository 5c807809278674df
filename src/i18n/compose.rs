//! The words of writing a post (groups pack).

pub struct ComposeTexts {
    pub kind_label: &'static str,
    pub kind_question: &'static str,
    pub body_hint: &'static str,
    pub add_photos: &'static str,
    pub photos_hint: &'static str,
    pub uploading: &'static str,
    pub publish: &'static str,
}

const VI: ComposeTexts = ComposeTexts {
    kind_label: "Loại bài",
    kind_question: "Câu hỏi gửi Ban quản trị",
    body_hint: "Chị muốn chia sẻ điều gì?",
    add_photos: "Thêm ảnh",
    photos_hint: "Tối đa 10 ảnh. Ảnh được thu nhỏ ngay trên máy để tiết kiệm dung lượng.",
    uploading: "Đang gửi ảnh…",
    publish: "Đăng bài",
};

const EN: ComposeTexts = ComposeTexts {
    kind_label: "Kind",
    kind_question: "Question to the board",
    body_hint: "What would you like to share?",
    add_photos: "Add photos",
    photos_hint: "Up to 10 photos, shrunk on your phone to save data.",
    uploading: "Sending photos…",
    publish: "Post",
};

pub fn use_compose_texts() -> &'static ComposeTexts {
    super::pick(&VI, &EN)
}
