//! Error codes: snake_case on the wire, translated to Vietnamese (or English) by the app.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::wire_enum::wire_enum;

wire_enum! {
    /// Every error the API can answer, as a stable code. The app owns the wording; the server's
    /// `message` is a Vietnamese fallback for clients that do not know a code yet.
    ErrorCode {
        // Whole-request errors.
        MalformedJson = "malformed_json",
        PayloadTooLarge = "payload_too_large",
        ValidationFailed = "validation_failed",
        Unauthenticated = "unauthenticated",
        Forbidden = "forbidden",
        NotFound = "not_found",
        Conflict = "conflict",
        RateLimited = "rate_limited",
        WrongCredentials = "wrong_credentials",
        Internal = "internal",
        // Field errors.
        Required = "required",
        InvalidPhone = "invalid_phone",
        PhoneTaken = "phone_taken",
        PasswordTooShort = "password_too_short",
        PasswordTooLong = "password_too_long",
        PasswordTooCommon = "password_too_common",
        NameTooShort = "name_too_short",
        NameTooLong = "name_too_long",
        TextTooLong = "text_too_long",
        TooManyQuestions = "too_many_questions",
        AnswerRequired = "answer_required",
        UnknownUnit = "unknown_unit",
        InvalidCode = "invalid_code",
        ControlCharacter = "control_character",
        PhoneNotYours = "phone_not_yours",
        // Group membership.
        AlreadyMember = "already_member",
        RequestPending = "request_pending",
        Banned = "banned",
        // Feed.
        TooManyPhotos = "too_many_photos",
        NotAnImage = "not_an_image",
        PhotoTooLarge = "photo_too_large",
        PhotoTooManyPixels = "photo_too_many_pixels",
        StorageFull = "storage_full",
        UnknownPhoto = "unknown_photo",
        Muted = "muted",
        NotAQuestion = "not_a_question",
        // Applications to join the Hội.
        InvalidDate = "invalid_date",
        TooYoung = "too_young",
        UnknownChoice = "unknown_choice",
        ConsentRequired = "consent_required",
        SensitiveNeedsConsent = "sensitive_needs_consent",
        ConsentOutdated = "consent_outdated",
        ApplicationOpen = "application_open",
        ApplicationClosed = "application_closed",
        // Quiz contests.
        OutOfRange = "out_of_range",
        ClosesBeforeOpens = "closes_before_opens",
        TooFewOptions = "too_few_options",
        CorrectOptionRequired = "correct_option_required",
        AudienceRequired = "audience_required",
        QuizNotOpen = "quiz_not_open",
        QuizClosed = "quiz_closed",
        QuizStarted = "quiz_started",
        TimeUp = "time_up",
        NoAttemptsLeft = "no_attempts_left",
        NotEligible = "not_eligible",
        UnknownQuestion = "unknown_question",
        QuizNotClosed = "quiz_not_closed",
        EntriesClosed = "entries_closed",
        NoEntriesLeft = "no_entries_left",
        VotingClosed = "voting_closed",
        VoteLimitReached = "vote_limit_reached",
        VotingEndsBeforeEntries = "voting_ends_before_entries",
        AccountNotFound = "account_not_found",
        ResultsHidden = "results_hidden",
        NotAJudge = "not_a_judge",
        // Surveys.
        TooManyChoices = "too_many_choices",
        QuestionHidden = "question_hidden",
        AlreadyResponded = "already_responded",
        SurveyNotOpen = "survey_not_open",
        SurveyClosed = "survey_closed",
        SurveyAnswered = "survey_answered",
        // Reports.
        InvalidPeriod = "invalid_period",
    }
}

/// The error body: `{code, message, fields}`. `retry_after_minutes` accompanies `rate_limited`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, ErrorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_minutes: Option<u32>,
}

/// Collects field errors while a request is checked, so a form learns of every mistake at once.
#[derive(Debug, Default)]
pub struct FieldErrors(pub BTreeMap<String, ErrorCode>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.0.entry(field.to_owned()).or_insert(code);
    }

    /// Records `required` for an empty text (when it is required) and `text_too_long` for one
    /// longer than `max` characters, spaces around it not counted.
    pub fn text(&mut self, field: &str, text: &str, required: bool, max: usize) {
        let count = text.trim().chars().count();
        if required && count == 0 {
            self.add(field, ErrorCode::Required);
        } else if count > max {
            self.add(field, ErrorCode::TextTooLong);
        }
    }

    /// The end of a `validate`: `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Keeps the value when it parsed, records the error under `field` when it did not.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, ErrorCode>) -> Option<T> {
        parsed.map_err(|code| self.add(field, code)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ErrorCode {
    /// The Vietnamese sentence for a code: the server's fallback `message` and the app's
    /// Vietnamese text, kept here so the two never drift apart.
    pub fn message_vi(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MalformedJson => "Dữ liệu gửi lên không đúng định dạng.",
            PayloadTooLarge => "Nội dung gửi lên quá lớn.",
            ValidationFailed => "Vui lòng kiểm tra lại các ô được đánh dấu.",
            Unauthenticated => "Vui lòng đăng nhập để tiếp tục.",
            Forbidden => "Bạn không có quyền làm việc này.",
            NotFound => "Không tìm thấy nội dung này.",
            Conflict => "Thao tác không thực hiện được vì dữ liệu đã thay đổi.",
            RateLimited => "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.",
            WrongCredentials => "Số điện thoại hoặc mật khẩu không đúng.",
            Internal => "Có lỗi xảy ra. Vui lòng thử lại sau.",
            Required => "Vui lòng điền ô này.",
            InvalidPhone => "Số điện thoại không hợp lệ. Nhập số di động Việt Nam, ví dụ 0912 345 678.",
            PhoneTaken => "Số điện thoại này đã được đăng ký. Hãy đăng nhập.",
            PasswordTooShort => "Mật khẩu cần ít nhất 8 ký tự.",
            PasswordTooLong => "Mật khẩu quá dài (tối đa 128 ký tự).",
            PasswordTooCommon => "Mật khẩu này quá dễ đoán. Hãy chọn mật khẩu khác.",
            NameTooShort => "Tên quá ngắn.",
            NameTooLong => "Tên quá dài.",
            TextTooLong => "Nội dung quá dài.",
            TooManyQuestions => "Nhóm chỉ được hỏi tối đa 3 câu.",
            AnswerRequired => "Vui lòng trả lời câu hỏi này.",
            UnknownUnit => "Không tìm thấy đơn vị hành chính này.",
            InvalidCode => "Mã xác nhận không đúng hoặc đã hết hạn.",
            ControlCharacter => "Nội dung có ký tự không hợp lệ. Hãy gõ lại.",
            PhoneNotYours => "Hãy dùng số điện thoại của tài khoản này (số đã xác nhận).",
            AlreadyMember => "Bạn đã là thành viên của nhóm.",
            RequestPending => "Yêu cầu tham gia của bạn đang chờ duyệt.",
            Banned => "Bạn không thể tham gia nhóm này.",
            TooManyPhotos => "Mỗi bài đăng được tối đa 10 ảnh.",
            NotAnImage => "Tệp này không phải ảnh. Chỉ nhận ảnh JPEG, PNG hoặc WebP.",
            PhotoTooLarge => "Ảnh quá lớn (tối đa 10 MB).",
            PhotoTooManyPixels => "Ảnh có độ phân giải quá lớn (tối đa 40 megapixel).",
            StorageFull => "Máy chủ hết chỗ lưu ảnh. Thử lại sau.",
            UnknownPhoto => "Không tìm thấy ảnh đã tải lên. Vui lòng chọn lại ảnh.",
            Muted => "Bạn đang bị tạm khóa đăng bài và bình luận trong nhóm này.",
            NotAQuestion => "Bài này không phải câu hỏi gửi Ban quản trị.",
            InvalidDate => "Ngày không hợp lệ. Chọn ngày, tháng, năm sinh của chị.",
            TooYoung => "Hội viên cần từ đủ 18 tuổi trở lên.",
            UnknownChoice => "Vui lòng chọn một mục trong danh sách.",
            ConsentRequired => "Cần chị đồng ý mục này thì Hội mới xử lý được đơn.",
            SensitiveNeedsConsent => {
                "Chị đã điền dân tộc hoặc tôn giáo: hãy đánh dấu đồng ý, hoặc bỏ trống hai ô đó."
            }
            ConsentOutdated => "Nội dung đồng ý vừa được cập nhật. Vui lòng tải lại trang và đọc lại.",
            ApplicationOpen => "Số điện thoại này đã có một đơn đang được Hội xử lý.",
            ApplicationClosed => "Đơn đã có kết quả nên không thay đổi được nữa.",
            OutOfRange => "Số này nằm ngoài khoảng cho phép.",
            ClosesBeforeOpens => "Giờ kết thúc phải sau giờ bắt đầu.",
            TooFewOptions => "Mỗi câu hỏi cần ít nhất 2 phương án, không để trống phương án nào.",
            CorrectOptionRequired => "Đánh dấu đáp án đúng (câu một lựa chọn: đúng một đáp án).",
            AudienceRequired => "Chọn ít nhất một nhóm hoặc một đơn vị được dự thi.",
            QuizNotOpen => "Cuộc thi chưa mở. Chị quay lại khi đến giờ nhé.",
            QuizClosed => "Cuộc thi đã kết thúc.",
            QuizStarted => "Đã có người dự thi nên không sửa được đề nữa.",
            TimeUp => "Đã hết giờ làm bài. Bài được nộp với các câu đã lưu trước khi hết giờ.",
            NoAttemptsLeft => "Chị đã dùng hết số lượt dự thi.",
            NotEligible => "Cuộc thi này dành cho hội viên, thành viên của đơn vị hoặc nhóm khác.",
            UnknownQuestion => "Câu hỏi này không có trong bài thi của chị.",
            QuizNotClosed => "Cuộc thi chưa kết thúc nên chưa có xếp hạng.",
            EntriesClosed => "Cuộc thi không còn nhận bài dự thi.",
            NoEntriesLeft => "Chị đã gửi đủ số bài dự thi được phép.",
            VotingClosed => "Bây giờ không phải thời gian bình chọn của cuộc thi.",
            VoteLimitReached => "Hôm nay chị đã dùng hết lượt bình chọn. Mai chị bình chọn tiếp nhé.",
            VotingEndsBeforeEntries => "Thời gian bình chọn phải kết thúc sau hạn nộp bài.",
            AccountNotFound => "Chưa có tài khoản nào với số điện thoại này.",
            ResultsHidden => "Kết quả được giữ kín đến khi cuộc thi kết thúc.",
            NotAJudge => "Chị không có trong ban giám khảo của cuộc thi này.",
            TooManyChoices => "Chị đã chọn nhiều hơn số lựa chọn cho phép.",
            QuestionHidden => "Câu này không dành cho câu trả lời của chị ở trên. Hãy để trống.",
            AlreadyResponded => "Chị đã trả lời khảo sát này rồi. Cảm ơn chị!",
            SurveyNotOpen => "Khảo sát chưa mở. Chị quay lại khi đến giờ nhé.",
            SurveyClosed => "Khảo sát đã kết thúc.",
            SurveyAnswered => {
                "Đã có người trả lời nên chỉ sửa được câu chữ và giờ kết thúc, không thêm, bớt hay đổi loại câu hỏi, phương án, điều kiện."
            }
            InvalidPeriod => "Ngày kết thúc phải từ ngày bắt đầu trở đi, trong vòng 366 ngày.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_travel_as_snake_case() {
        for code in [
            ErrorCode::InvalidPhone,
            ErrorCode::PasswordTooCommon,
            ErrorCode::RateLimited,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn field_errors_keep_the_first_problem_of_each_field() {
        let mut errors = FieldErrors::default();
        errors.add("phone", ErrorCode::InvalidPhone);
        errors.add("phone", ErrorCode::PhoneTaken);
        assert_eq!(errors.0.get("phone"), Some(&ErrorCode::InvalidPhone));
    }
}
