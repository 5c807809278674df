//! Dates the Vietnamese way: "2 giờ trước" for recent things, dd/mm/yyyy in Vietnam time after.

use chrono::{DateTime, Datelike, FixedOffset, Utc};

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

/// The browser's clock, for [`relative`].
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
