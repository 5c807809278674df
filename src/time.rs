//! Dates the Vietnamese way: "2 giờ trước" for recent things, dd/mm/yyyy in Vietnam time after.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

use crate::i18n::Texts;

/// Vietnam has one time zone and no daylight saving: UTC+7.
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// dd/mm/yyyy in Vietnam time.
pub fn date(at: DateTime<Utc>) -> String {
    // By hand rather than chrono's strftime, whose parser would cost the phone kilobytes.
    let local = at.with_timezone(&vietnam());
    format!("{:02}/{:02}/{}", local.day(), local.month(), local.year())
}

/// "vừa xong", "5 phút trước", "2 giờ trước", "3 ngày trước", then the date.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>, t: &Texts) -> String {
    let seconds = (now - at).num_seconds().max(0);
    match seconds {
        0..60 => t.just_now.to_owned(),
        60..3600 => format!("{} {}", seconds / 60, t.minutes_ago),
        3600..86_400 => format!("{} {}", seconds / 3600, t.hours_ago),
        86_400..604_800 => format!("{} {}", seconds / 86_400, t.days_ago),
        _ => date(at),
    }
}

/// "08:30 20/10/2026" in Vietnam time: when a quiz opens or closes.
pub fn date_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&vietnam());
    format!("{:02}:{:02} {}", local.hour(), local.minute(), date(at))
}

/// A `datetime-local` input's value (`2026-10-20T08:30`) for a moment, in Vietnam time.
pub fn to_input(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&vietnam());
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// Reads a `datetime-local` value as Vietnam time, by hand (no chrono format parser).
pub fn from_input(text: &str) -> Option<DateTime<Utc>> {
    let number = |from: usize, to: usize| text.get(from..to)?.parse::<u32>().ok();
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 7)?, number(8, 10)?)?;
    let local = date.and_hms_opt(number(11, 13)?, number(14, 16)?, 0)?;
    Some(local.and_utc() - chrono::Duration::hours(7))
}

/// "4:05" from milliseconds: a countdown or a time taken.
pub fn clock(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The browser's clock, for [`relative`].
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
