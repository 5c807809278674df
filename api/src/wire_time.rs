//! Times on the wire: RFC 3339 in UTC to the second, e.g. `2026-11-19T05:17:58Z`, which is what
//! the server writes. Read by hand because chrono's general parser would cost the phone ~5 KB of
//! compressed wasm; a fraction of a second and a `+00:00` offset are accepted too.
//! Use as `#[serde(with = "crate::wire_time")]` (or `wire_time::option` for `Option`).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{de::Error, Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom("expected an RFC 3339 time in UTC"))
}

/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction (ignored), then `Z` or `+00:00`.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        text.get(from..to)?.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    if !matches!(rest, "Z" | "z" | "+00:00" | "-00:00") {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 7)?, number(8, 10)?)?;
    Some(
        date.and_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?
            .and_utc(),
    )
}

pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom("expected an RFC 3339 time in UTC")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_chrono_writes_and_refuses_other_zones() {
        let at = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        let written = serde_json::to_string(&at).unwrap();
        assert_eq!(parse(written.trim_matches('"')), Some(at));
        assert_eq!(
            parse("2026-11-19T05:17:58.123Z"),
            DateTime::from_timestamp(1_795_065_478, 0)
        );
        assert_eq!(
            parse("2026-11-19T05:17:58+00:00"),
            DateTime::from_timestamp(1_795_065_478, 0)
        );
        for bad in [
            "2026-11-19T05:17:58+07:00",
            "2026-13-19T05:17:58Z",
            "19/11/2026",
            "2026-11-19T05:17:5xZ",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
