use std::fmt;
use std::str::FromStr;

use jiff::civil::DateTime;
use jiff::tz::Offset;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as a news source states it: a civil date and time, with the
/// UTC offset when the source gives one.
///
/// Datelines such as `الخميس، 21 ديسمبر 2017 10:57 ص` give local time with no
/// offset; feeds and JSON usually give one. rasid keeps that difference instead
/// of inventing a time zone. It serialises as ISO 8601: `2017-12-21T10:57:00`
/// or `2018-02-23T10:37:34+00:00`.
///
/// ```
/// use rasid_core::Timestamp;
/// let t: Timestamp = "2018-02-23T10:37:34+04:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2018-02-23T10:37:34+04:00");
/// let local: Timestamp = "2017-12-21T10:57".parse().unwrap();
/// assert_eq!(local.to_string(), "2017-12-21T10:57:00");
/// assert_eq!(local.offset_seconds(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    datetime: DateTime,
    offset_seconds: Option<i32>,
}

/// Why a string is not an ISO 8601 timestamp.
#[derive(Debug, thiserror::Error)]
#[error("not an ISO 8601 date or date-time: {input:?}")]
pub struct TimestampError {
    input: String,
}

impl Timestamp {
    /// A local (offset-less) timestamp.
    pub fn local(datetime: DateTime) -> Self {
        Timestamp {
            datetime,
            offset_seconds: None,
        }
    }

    /// A timestamp with a UTC offset, in seconds east of UTC.
    pub fn with_offset(datetime: DateTime, offset_seconds: i32) -> Self {
        Timestamp {
            datetime,
            offset_seconds: Some(offset_seconds),
        }
    }

    /// The civil date and time as the source wrote it.
    pub fn datetime(&self) -> DateTime {
        self.datetime
    }

    /// The source's UTC offset, when it gave one.
    pub fn offset_seconds(&self) -> Option<i32> {
        self.offset_seconds
    }

    /// Seconds since the Unix epoch, reading an offset-less time as UTC.
    pub fn unix_seconds(&self) -> i64 {
        let offset = self
            .offset_seconds
            .and_then(|s| Offset::from_seconds(s).ok())
            .unwrap_or(Offset::UTC);
        offset
            .to_timestamp(self.datetime)
            .map(|t| t.as_second())
            .unwrap_or_default()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.datetime.strftime("%Y-%m-%dT%H:%M:%S"))?;
        if let Some(seconds) = self.offset_seconds {
            let sign = if seconds < 0 { '-' } else { '+' };
            let abs = seconds.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)?;
        }
        Ok(())
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.fff]]` (also with a space for
    /// `T`), optionally followed by `Z` or `±hh:mm`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = || TimestampError {
            input: input.to_owned(),
        };
        let s = input.trim();
        if let Ok(zoned) = s.parse::<jiff::Timestamp>() {
            // Has an offset or Z: keep the offset the source wrote.
            let offset = split_offset(s).ok_or_else(err)?;
            let dt = Offset::from_seconds(offset).map_err(|_| err())?.to_datetime(zoned);
            return Ok(Timestamp::with_offset(dt, offset));
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            return Ok(Timestamp::local(dt));
        }
        if let Ok(date) = s.parse::<jiff::civil::Date>() {
            return Ok(Timestamp::local(date.to_datetime(jiff::civil::Time::midnight())));
        }
        Err(err())
    }
}

/// The offset at the end of an ISO 8601 string, in seconds: `Z`, `+04:00`, `+0400` or `+04`.
fn split_offset(s: &str) -> Option<i32> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(0);
    }
    let sign_at = s.rfind(['+', '-'])?;
    let sign = if s.get(sign_at..=sign_at)? == "+" { 1 } else { -1 };
    let digits: String = s.get(sign_at + 1..)?.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits.get(..2)?.parse::<i32>().ok()?,
            digits.get(2..)?.parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    Some(sign * (hours * 3600 + minutes * 60))
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "ISO 8601 date-time; with a UTC offset when the source gave one, local time otherwise",
            "examples": ["2017-12-21T10:57:00", "2018-02-23T10:37:34+00:00"],
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_offset_as_written() {
        let t: Timestamp = "2018-02-23T10:37:34Z".parse().unwrap();
        assert_eq!(t.to_string(), "2018-02-23T10:37:34+00:00");
        let t: Timestamp = "2018-02-23T10:37:34-05:30".parse().unwrap();
        assert_eq!(t.to_string(), "2018-02-23T10:37:34-05:30");
        assert_eq!(t.offset_seconds(), Some(-(5 * 3600 + 1800)));
    }

    #[test]
    fn reads_offsets_without_colon() {
        let t: Timestamp = "2018-02-23T10:37:34+0400".parse().unwrap();
        assert_eq!(t.to_string(), "2018-02-23T10:37:34+04:00");
        let t: Timestamp = "2018-02-23T10:37:34-03".parse().unwrap();
        assert_eq!(t.offset_seconds(), Some(-3 * 3600));
    }

    #[test]
    fn date_only_is_midnight_local() {
        let t: Timestamp = "2017-12-21".parse().unwrap();
        assert_eq!(t.to_string(), "2017-12-21T00:00:00");
    }

    #[test]
    fn rejects_garbage() {
        assert!("21 ديسمبر".parse::<Timestamp>().is_err());
        assert!("".parse::<Timestamp>().is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let t: Timestamp = "2017-12-21T10:57".parse().unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2017-12-21T10:57:00\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    }
}
