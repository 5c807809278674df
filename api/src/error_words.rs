//! Every error code's wording, Vietnamese and English side by side, so a change to one is made
//! beside the other. The table hands its rows to a macro of the caller's choice, so each language
//! compiles on its own: this crate builds [`ErrorCode::message_vi`](crate::ErrorCode::message_vi)
//! from the Vietnamese column (the server's fallback `message`, the app's first load), and the
//! app's English chunk builds its `error` from the English column, so English never weighs on the
//! first load.

/// `error_words!(column)` expands to `column! { Code => "Vietnamese", "English"; … }`.
#[macro_export]
macro_rules! error_words {
    ($column:ident) => {
        $column! {
            MalformedJson => "Dữ liệu gửi lên không đúng định dạng.",
                "The request was not understood.";
            PayloadTooLarge => "Nội dung gửi lên quá lớn.",
                "That is too large to send.";
            ValidationFailed => "Vui lòng kiểm tra lại các ô được đánh dấu.",
                "Please check the marked fields.";
            Unauthenticated => "Vui lòng đăng nhập để tiếp tục.",
                "Please log in to continue.";
            Forbidden => "Bạn không có quyền làm việc này.",
                "You are not allowed to do this.";
            NotFound => "Không tìm thấy nội dung này.",
                "This could not be found.";
            Conflict => "Thao tác không thực hiện được vì dữ liệu đã thay đổi.",
                "This could not be done because something changed.";
            RateLimited => "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.",
                "Too many tries. Please try again later.";
            WrongCredentials => "Số điện thoại hoặc mật khẩu không đúng.",
                "Wrong phone number or password.";
            Internal => "Có lỗi xảy ra. Vui lòng thử lại sau.",
                "Something went wrong. Please try again later.";
            Required => "Vui lòng điền ô này.",
                "Please fill this in.";
            InvalidPhone => "Số điện thoại không hợp lệ. Nhập số di động Việt Nam, ví dụ 0912 345 678.",
                "Not a valid number. Enter a Vietnamese mobile number, e.g. 0912 345 678.";
            PhoneTaken => "Số điện thoại này đã được đăng ký. Hãy đăng nhập.",
                "This number is already registered. Please log in.";
            PasswordTooShort => "Mật khẩu cần ít nhất 8 ký tự.",
                "The password needs at least 8 characters.";
            PasswordTooLong => "Mật khẩu quá dài (tối đa 128 ký tự).",
                "The password is too long (at most 128 characters).";
            PasswordTooCommon => "Mật khẩu này quá dễ đoán. Hãy chọn mật khẩu khác.",
                "This password is too easy to guess. Choose another.";
            NameTooShort => "Tên quá ngắn.",
                "The name is too short.";
            NameTooLong => "Tên quá dài.",
                "The name is too long.";
            TextTooLong => "Nội dung quá dài.",
                "The text is too long.";
            TooManyQuestions => "Nhóm chỉ được hỏi tối đa 3 câu.",
                "A group may ask at most 3 questions.";
            AnswerRequired => "Vui lòng trả lời câu hỏi này.",
                "Please answer this question.";
            UnknownUnit => "Không tìm thấy đơn vị hành chính này.",
                "This commune/ward was not found.";
            BranchNotEmpty => "Chi hội còn nhóm, đơn hoặc chị em chọn nó: hãy gộp vào một chi hội khác.",
                "The branch still has groups, applications or women who chose it: merge it into another branch.";
            InvalidCode => "Mã xác nhận không đúng hoặc đã hết hạn.",
                "The code is wrong or has expired.";
            ControlCharacter => "Nội dung có ký tự không hợp lệ. Hãy gõ lại.",
                "The text has a character that is not allowed. Please type it again.";
            PhoneNotYours => "Hãy dùng số điện thoại của tài khoản này (số đã xác nhận).",
                "Use this account's phone number (the verified one).";
            AlreadyMember => "Bạn đã là thành viên của nhóm.",
                "You are already a member of this group.";
            RequestPending => "Yêu cầu tham gia của bạn đang chờ duyệt.",
                "Your request is waiting for approval.";
            Banned => "Bạn không thể tham gia nhóm này.",
                "You cannot join this group.";
            JoiningPaused => "Nhóm đang tạm ngừng nhận thành viên mới. Chị quay lại sau nhé.",
                "The group is not taking new members for now. Please come back later.";
            GroupArchived => "Nhóm đã được lưu trữ: chỉ xem lại, không đăng bài hay tham gia được nữa.",
                "The group is archived: it can be read, not written in or joined.";
            GroupInUse => "Nhóm đã có bài viết hoặc hoạt động nên không xóa được. Chị có thể lưu trữ nhóm.",
                "The group has posts or activities, so it cannot be deleted. You can archive it.";
            ScheduleTooFar => "Chỉ hẹn giờ đăng trong vòng 90 ngày tới.",
                "Schedule a post within the next 90 days.";
            TooManyOptions => "Tối đa 10 phương án.",
                "At most 10 options.";
            AlreadyVoted => "Chị đã bình chọn rồi. Chị có thể đổi lựa chọn trước khi kết thúc.",
                "You have voted already. You can change your choice until it closes.";
            PollClosed => "Cuộc bình chọn đã kết thúc.",
                "The poll has closed.";
            TooManyPhotos => "Mỗi bài đăng được tối đa 10 ảnh.",
                "A post can have at most 10 photos.";
            NotAnImage => "Tệp này không phải ảnh. Chỉ nhận ảnh JPEG, PNG hoặc WebP.",
                "This file is not a photo. Only JPEG, PNG or WebP.";
            PhotoTooLarge => "Ảnh quá lớn (tối đa 10 MB).",
                "The photo is too large (at most 10 MB).";
            PhotoTooManyPixels => "Ảnh có độ phân giải quá lớn (tối đa 40 megapixel).",
                "The photo's resolution is too high (at most 40 megapixels).";
            StorageFull => "Máy chủ hết chỗ lưu ảnh. Thử lại sau.",
                "The server is out of room for photos. Try again later.";
            UnknownPhoto => "Không tìm thấy ảnh đã tải lên. Vui lòng chọn lại ảnh.",
                "An uploaded photo was not found. Please choose it again.";
            Muted => "Bạn đang bị tạm khóa đăng bài và bình luận trong nhóm này.",
                "You cannot post or comment in this group for now.";
            NotAQuestion => "Bài này không phải câu hỏi gửi Ban quản trị.",
                "This post is not a question to the board.";
            InvalidDate => "Ngày không hợp lệ. Chọn ngày, tháng, năm sinh của chị.",
                "Not a valid date. Choose your day, month and year of birth.";
            TooYoung => "Hội viên cần từ đủ 18 tuổi trở lên.",
                "Members must be 18 or older.";
            UnknownChoice => "Vui lòng chọn một mục trong danh sách.",
                "Please choose an item from the list.";
            ConsentRequired => "Cần chị đồng ý mục này thì Hội mới xử lý được đơn.",
                "The Union can only process the application with this consent.";
            SensitiveNeedsConsent => "Chị đã điền dân tộc hoặc tôn giáo: hãy đánh dấu đồng ý, hoặc bỏ trống hai ô đó.",
                "You filled in ethnicity or religion: tick the consent, or leave both empty.";
            ConsentOutdated => "Nội dung đồng ý vừa được cập nhật. Vui lòng tải lại trang và đọc lại.",
                "The consent text has just changed. Please reload the page and read it again.";
            ApplicationOpen => "Số điện thoại này đã có một đơn đang được Hội xử lý.",
                "This phone number already has an application being processed.";
            ApplicationClosed => "Đơn đã có kết quả nên không thay đổi được nữa.",
                "This application has been decided and can no longer change.";
            OutOfRange => "Số này nằm ngoài khoảng cho phép.",
                "That number is outside the allowed range.";
            ClosesBeforeOpens => "Giờ kết thúc phải sau giờ bắt đầu.",
                "The closing time must come after the opening time.";
            TooFewOptions => "Mỗi câu hỏi cần ít nhất 2 phương án, không để trống phương án nào.",
                "Each question needs at least 2 options, none left empty.";
            CorrectOptionRequired => "Đánh dấu đáp án đúng (câu một lựa chọn: đúng một đáp án).",
                "Mark the correct answer (exactly one for a single-choice question).";
            AudienceRequired => "Chọn ít nhất một nhóm hoặc một đơn vị được dự thi.",
                "Choose at least one group or unit that may take part.";
            QuizNotOpen => "Cuộc thi chưa mở. Chị quay lại khi đến giờ nhé.",
                "This quiz has not opened yet.";
            QuizClosed => "Cuộc thi đã kết thúc.",
                "This quiz has closed.";
            QuizStarted => "Đã có người dự thi nên không sửa được đề nữa.",
                "Someone has already taken this quiz, so its paper can no longer change.";
            TimeUp => "Đã hết giờ làm bài. Bài được nộp với các câu đã lưu trước khi hết giờ.",
                "Time is up. Your paper was submitted with the answers saved before time ran out.";
            NoAttemptsLeft => "Chị đã dùng hết số lượt dự thi.",
                "You have used all your attempts.";
            NotEligible => "Cuộc thi này dành cho hội viên, thành viên của đơn vị hoặc nhóm khác.",
                "This quiz is for members of other groups or units.";
            UnknownQuestion => "Câu hỏi này không có trong bài thi của chị.",
                "That question is not on your paper.";
            QuizNotClosed => "Cuộc thi chưa kết thúc nên chưa có xếp hạng.",
                "The quiz has not closed, so there is no ranking yet.";
            EntriesClosed => "Cuộc thi không còn nhận bài dự thi.",
                "The contest no longer takes entries.";
            NoEntriesLeft => "Chị đã gửi đủ số bài dự thi được phép.",
                "You have sent as many entries as the contest allows.";
            VotingClosed => "Bây giờ không phải thời gian bình chọn của cuộc thi.",
                "The contest is not in its voting time.";
            VoteLimitReached => "Hôm nay chị đã dùng hết lượt bình chọn. Mai chị bình chọn tiếp nhé.",
                "You have used today's votes. You can vote again tomorrow.";
            VotingEndsBeforeEntries => "Thời gian bình chọn phải kết thúc sau hạn nộp bài.",
                "Voting must end after entries close.";
            AccountNotFound => "Chưa có tài khoản nào với số điện thoại này.",
                "No account has this phone number yet.";
            ResultsHidden => "Kết quả được giữ kín đến khi cuộc thi kết thúc.",
                "Results stay hidden until the contest closes.";
            NotAJudge => "Chị không có trong ban giám khảo của cuộc thi này.",
                "You are not on this contest's jury.";
            TooManyChoices => "Chị đã chọn nhiều hơn số lựa chọn cho phép.",
                "You ticked more options than allowed.";
            QuestionHidden => "Câu này không dành cho câu trả lời của chị ở trên. Hãy để trống.",
                "This question does not apply after your answer above. Leave it empty.";
            AlreadyResponded => "Chị đã trả lời khảo sát này rồi. Cảm ơn chị!",
                "You have already answered this survey. Thank you!";
            SurveyNotOpen => "Khảo sát chưa mở. Chị quay lại khi đến giờ nhé.",
                "The survey is not open yet.";
            SurveyClosed => "Khảo sát đã kết thúc.",
                "The survey has closed.";
            SurveyAnswered => "Đã có người trả lời nên chỉ sửa được câu chữ và giờ kết thúc, không thêm, bớt hay đổi loại câu hỏi, phương án, điều kiện.",
                "People have answered already: only wording and the closing time can change, not questions, options or conditions.";
            InvalidPeriod => "Ngày kết thúc phải từ ngày bắt đầu trở đi, trong vòng 366 ngày.",
                "The end date must be on or after the start date, within 366 days.";
        }
    };
}
