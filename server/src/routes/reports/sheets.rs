//! The report as a workbook laid out like a "báo cáo sơ kết": a sheet of summary figures (the
//! sections of the paper report: members, activity, programmes, applications), one sheet per child
//! unit with its own figures, and one of the time series.

use axum::response::Response;
use hoi_api::report::{ChildFigures, MemberFigures, Report};

use crate::{
    error::AppError,
    export::{download, headings, workbook, Cell, Table},
};

fn line(label: &str, value: impl Into<Cell>) -> Vec<Cell> {
    vec![label.into(), value.into()]
}

fn number(n: u32) -> Cell {
    Cell::from(i64::from(n))
}

fn heading(label: &str) -> Vec<Cell> {
    vec![label.into(), "".into()]
}

/// A median in seconds as an office reads it: "5 giờ 20 phút", "2 ngày 3 giờ".
pub fn duration_text(seconds: Option<u32>) -> String {
    let Some(seconds) = seconds else {
        return "Chưa có".into();
    };
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} phút"),
        (0, _) => format!("{hours} giờ {minutes} phút"),
        _ => format!("{days} ngày {hours} giờ"),
    }
}

fn member_lines(rows: &mut Vec<Vec<Cell>>, m: &MemberFigures) {
    rows.push(line("Tổng số thành viên cuối kỳ", number(m.total)));
    rows.push(line("Thành viên mới trong kỳ", number(m.joined)));
    rows.push(line("Rời nhóm trong kỳ", number(m.left)));
    rows.push(line("Chưa là hội viên Hội LHPN", number(m.not_hoi)));
    rows.push(line("Ở ngoài địa bàn", number(m.outside)));
    rows.push(line("Ở nước ngoài", number(m.overseas)));
}

fn scope_lines(report: &Report, name: &str) -> Vec<Vec<Cell>> {
    vec![
        line("Đơn vị", name.to_owned()),
        line("Từ ngày", report.from.clone()),
        line("Đến ngày", report.to.clone()),
    ]
}

fn summary(report: &Report) -> Table {
    let mut rows = scope_lines(report, &report.scope.name);
    rows.push(line("Số nhóm", number(report.groups)));
    rows.push(heading("I. Thành viên"));
    member_lines(&mut rows, &report.members);
    let a = &report.activity;
    rows.push(heading("II. Hoạt động"));
    rows.push(line("Bài viết", number(a.posts)));
    rows.push(line("Bình luận", number(a.comments)));
    rows.push(line("Lượt bày tỏ cảm xúc", number(a.reactions)));
    rows.push(line(
        "Thành viên tích cực (viết, bình luận hoặc bày tỏ cảm xúc)",
        number(a.active_members),
    ));
    rows.push(line(
        "Thời gian duyệt thành viên (trung vị)",
        duration_text(a.median_member_approval),
    ));
    rows.push(line(
        "Thời gian duyệt bài (trung vị)",
        duration_text(a.median_post_approval),
    ));
    rows.push(line(
        "Thời gian trả lời câu hỏi (trung vị)",
        duration_text(a.median_answer),
    ));
    let p = &report.programmes;
    rows.push(heading("III. Cuộc thi, khảo sát"));
    rows.push(line("Cuộc thi ảnh", number(p.photo_contests)));
    rows.push(line("Bài dự thi ảnh", number(p.photo_contest_entries)));
    rows.push(line("Lượt bình chọn", number(p.photo_contest_votes)));
    rows.push(line("Cuộc thi tìm hiểu", number(p.quizzes)));
    rows.push(line("Người dự thi tìm hiểu", number(p.quiz_entrants)));
    rows.push(line("Lượt thi", number(p.quiz_attempts)));
    rows.push(line("Lượt thi đã nộp bài", number(p.quiz_submitted)));
    rows.push(line("Khảo sát", number(p.surveys)));
    rows.push(line("Phiếu khảo sát", number(p.survey_responses)));
    rows.push(heading("IV. Đơn xin vào Hội"));
    for status in &report.applications {
        rows.push(line(application_status(&status.status), number(status.count)));
    }
    Table {
        name: "Tổng hợp".into(),
        headers: headings(&["Chỉ tiêu", "Số liệu"]),
        rows,
    }
}

fn application_status(status: &str) -> &'static str {
    match status {
        "new" => "Mới gửi",
        "contacted" => "Đã liên hệ",
        "admitted" => "Đã kết nạp",
        "declined" => "Chưa kết nạp",
        _ => "Khác",
    }
}

fn child_sheet(report: &Report, child: &ChildFigures, index: usize) -> Table {
    let mut rows = scope_lines(report, &child.name);
    rows.push(line("Số nhóm", number(child.groups)));
    rows.push(heading("I. Thành viên"));
    member_lines(&mut rows, &child.members);
    rows.push(heading("II. Hoạt động"));
    rows.push(line("Bài viết", number(child.posts)));
    rows.push(line("Bình luận", number(child.comments)));
    rows.push(line("Lượt bày tỏ cảm xúc", number(child.reactions)));
    rows.push(line("Thành viên tích cực", number(child.active_members)));
    rows.push(heading("III. Đơn xin vào Hội"));
    rows.push(line("Đơn gửi trong kỳ", number(child.applications)));
    // Sheet names must differ: a number in front keeps two same-named communes apart.
    Table {
        name: format!("{}. {}", index + 1, child.name),
        headers: headings(&["Chỉ tiêu", "Số liệu"]),
        rows,
    }
}

fn series(report: &Report) -> Table {
    let first = if report.step_days == 1 {
        "Ngày"
    } else {
        "Tuần từ ngày"
    };
    Table {
        name: "Theo thời gian".into(),
        headers: headings(&[
            first,
            "Thành viên cuối kỳ",
            "Thành viên mới",
            "Rời nhóm",
            "Bài viết",
            "Bình luận",
            "Cảm xúc",
        ]),
        rows: report
            .series
            .iter()
            .map(|p| {
                vec![
                    p.day.clone().into(),
                    number(p.members),
                    number(p.joined),
                    number(p.left),
                    number(p.posts),
                    number(p.comments),
                    number(p.reactions),
                ]
            })
            .collect(),
    }
}

/// The workbook's sheets, in the paper report's order.
pub fn tables(report: &Report) -> Vec<Table> {
    let mut tables = vec![summary(report)];
    tables.extend(
        report
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| child_sheet(report, c, i)),
    );
    tables.push(series(report));
    tables
}

pub fn workbook_response(report: &Report) -> Result<Response, AppError> {
    let bytes = workbook(&tables(report)).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!(
            "Bao cao so ket {} {}–{}.xlsx",
            report.scope.name, report.from, report.to
        ),
    ))
}
