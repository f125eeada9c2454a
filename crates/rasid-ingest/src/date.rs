//! Publication times as inputs write them: ISO 8601 / RFC 3339, RFC 2822, Arabic datelines.

use jiff::fmt::{rfc2822, strtime};
use rasid_core::Timestamp;

/// A parsed publication time and what the parser had to say about it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Published {
    /// The time, with the UTC offset when the text gives one.
    pub timestamp: Timestamp,
    /// Problems such as a weekday that contradicts the date.
    pub warnings: Vec<String>,
}

impl Published {
    fn plain(timestamp: Timestamp) -> Self {
        Published {
            timestamp,
            warnings: Vec::new(),
        }
    }
}

/// ISO-like forms jiff's strict parsers leave out: offsets without a colon, a space before the offset.
const LENIENT_ISO: [&str; 6] = [
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M %z",
];

/// Parses a publication time: ISO 8601 / RFC 3339 (`2018-02-23T10:37:34+00:00`),
/// RFC 2822 (`Fri, 23 Feb 2018 10:37:34 GMT`), a few lenient ISO variants
/// (`2018-02-23 10:37:34 +0400`), or an Arabic dateline through
/// [`rasid_calendar::parse_dateline`].
pub(crate) fn parse_published(text: &str) -> Option<Published> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    if let Ok(timestamp) = text.parse::<Timestamp>() {
        return Some(Published::plain(timestamp));
    }
    if let Ok(zoned) = rfc2822::parse(text) {
        return Some(Published::plain(Timestamp::with_offset(
            zoned.datetime(),
            zoned.offset().seconds(),
        )));
    }
    for format in LENIENT_ISO {
        if let Ok(parsed) = strtime::parse(format, text) {
            if let (Ok(datetime), Some(offset)) = (parsed.to_datetime(), parsed.offset()) {
                return Some(Published::plain(Timestamp::with_offset(datetime, offset.seconds())));
            }
        }
    }
    if let Some(timestamp) = lenient_rfc2822(text) {
        return Some(Published::plain(timestamp));
    }
    let dateline = rasid_calendar::parse_dateline(text)?;
    Some(Published {
        timestamp: dateline.timestamp,
        warnings: dateline.warnings,
    })
}

/// Feed dates that stray from RFC 2822: a full weekday or month name, `UTC`
/// or a North American zone name, no seconds, no zone at all (read as local time).
fn lenient_rfc2822(text: &str) -> Option<Timestamp> {
    let rest = match text.split_once(',') {
        Some((weekday, rest)) if weekday.trim().chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => text,
    };
    let mut parts: Vec<&str> = rest.split_whitespace().collect();
    let offset = match parts.last().map(|z| z.to_ascii_uppercase()).as_deref() {
        Some("GMT" | "UTC" | "UT" | "Z") => Some("+0000"),
        Some("EST") => Some("-0500"),
        Some("EDT") => Some("-0400"),
        Some("CST") => Some("-0600"),
        Some("CDT") => Some("-0500"),
        Some("MST") => Some("-0700"),
        Some("MDT") => Some("-0600"),
        Some("PST") => Some("-0800"),
        Some("PDT") => Some("-0700"),
        _ => None,
    };
    if offset.is_some() {
        parts.pop();
    }
    let zone = offset.or_else(|| {
        parts
            .last()
            .copied()
            .filter(|z| z.starts_with(['+', '-']) && z.len() == 5)
    });
    if zone.is_some() && offset.is_none() {
        parts.pop();
    }
    let civil = parts.join(" ");
    for format in [
        "%d %b %Y %H:%M:%S",
        "%d %b %Y %H:%M",
        "%d %B %Y %H:%M:%S",
        "%d %B %Y %H:%M",
    ] {
        let Ok(parsed) = strtime::parse(format, &civil) else {
            continue;
        };
        let Ok(datetime) = parsed.to_datetime() else { continue };
        return match zone {
            Some(zone) => {
                let parsed = strtime::parse("%z", zone).ok()?.offset()?;
                Some(Timestamp::with_offset(datetime, parsed.seconds()))
            }
            None => Some(Timestamp::local(datetime)),
        };
    }
    None
}

/// Seconds (or milliseconds, when implausibly large for seconds) since the Unix
/// epoch, as some JSON exports write times; read as UTC.
pub(crate) fn from_unix(value: f64) -> Option<Timestamp> {
    if !value.is_finite() {
        return None;
    }
    let seconds = if value.abs() >= 1e11 { value / 1000.0 } else { value };
    if seconds.abs() > 1e12 {
        return None;
    }
    // In range by the check above, so the cast cannot saturate.
    #[allow(clippy::cast_possible_truncation)]
    let instant = jiff::Timestamp::from_second(seconds.trunc() as i64).ok()?;
    Some(Timestamp::with_offset(jiff::tz::Offset::UTC.to_datetime(instant), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        parse_published(text).map(|p| p.timestamp.to_string())
    }

    #[test]
    fn iso_and_rfc3339() {
        assert_eq!(
            show("2018-02-23T10:37:34+00:00").as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(
            show(" 2018-02-23T10:37:34Z ").as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(show("2017-12-21").as_deref(), Some("2017-12-21T00:00:00"));
        assert_eq!(
            show("2018-02-23 10:37:34 +0400").as_deref(),
            Some("2018-02-23T10:37:34+04:00")
        );
        assert_eq!(
            show("2018-02-23T10:37:34+0400").as_deref(),
            Some("2018-02-23T10:37:34+04:00")
        );
    }

    #[test]
    fn rfc2822_keeps_its_offset() {
        assert_eq!(
            show("Fri, 23 Feb 2018 10:37:34 GMT").as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(
            show("Fri, 23 Feb 2018 10:37:34 +0400").as_deref(),
            Some("2018-02-23T10:37:34+04:00")
        );
    }

    #[test]
    fn feed_dates_that_stray_from_rfc2822() {
        assert_eq!(
            show("Fri, 23 Feb 2018 10:37:34 UTC").as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(
            show("Friday, 23 February 2018 10:37 GMT").as_deref(),
            Some("2018-02-23T10:37:00+00:00")
        );
        assert_eq!(
            show("Fri, 23 Feb 2018 10:37:34 EST").as_deref(),
            Some("2018-02-23T10:37:34-05:00")
        );
        assert_eq!(
            show("23 Feb 2018 10:37:34 +0400").as_deref(),
            Some("2018-02-23T10:37:34+04:00")
        );
        assert_eq!(
            show("Fri, 23 Feb 2018 10:37:34").as_deref(),
            Some("2018-02-23T10:37:34")
        );
        assert_eq!(
            show("2018-02-23T10:37:34.000Z").as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
    }

    #[test]
    fn garbage_is_none() {
        assert_eq!(show(""), None);
        assert_eq!(show("yesterday"), None);
        assert_eq!(show(&"9".repeat(500)), None);
    }

    #[test]
    fn unix_seconds_and_millis() {
        assert_eq!(
            from_unix(1_519_382_254.0).map(|t| t.to_string()).as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(
            from_unix(1_519_382_254_000.0).map(|t| t.to_string()).as_deref(),
            Some("2018-02-23T10:37:34+00:00")
        );
        assert_eq!(from_unix(f64::NAN), None);
        assert_eq!(from_unix(1e300), None);
    }

    /// Relies on `rasid_calendar::parse_dateline` accepting the canonical dateline.
    #[test]
    fn dateline_canonical() {
        assert_eq!(
            show("الخميس، 21 ديسمبر 2017 10:57 ص").as_deref(),
            Some("2017-12-21T10:57:00")
        );
    }
}
