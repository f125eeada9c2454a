//! Time expressions (TIMEX3-style) and numbers found in a text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Span, TextPart};

/// The TIMEX3 type of a time expression.
///
/// ```
/// use rasid_core::TimexType;
/// assert_eq!(serde_json::to_string(&TimexType::Duration).unwrap(), "\"DURATION\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `21 ديسمبر 2017`, `الخميس`, `العام الماضي`, `أيار/مايو`.
    Date,
    /// A time of day, possibly with its date: `10:57 ص`, `مساء الخميس`.
    Time,
    /// A length of time: `يومين` (P2D), `اكثر من اسبوع` (P1W, more than).
    Duration,
    /// A recurring time: `كل يوم`, `اسبوعيا`.
    Set,
}

impl TimexType {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION` or `SET`.
    ///
    /// ```
    /// assert_eq!(rasid_core::TimexType::Set.as_str(), "SET");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A TIMEX3 `mod`: how the expression qualifies its value.
///
/// ```
/// use rasid_core::TimexMod;
/// assert_eq!(serde_json::to_string(&TimexMod::MoreThan).unwrap(), "\"MORE_THAN\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// The beginning of the period: `مطلع`, `بداية`, `أوائل`.
    Start,
    /// The middle of the period: `منتصف`, `أواسط`.
    Mid,
    /// The end of the period: `أواخر`, `نهاية`.
    End,
    /// About: `نحو`, `حوالي`, `قرابة`.
    Approx,
    /// More than a duration: `أكثر من`, `ما يزيد عن`.
    MoreThan,
    /// Less than a duration: `أقل من`.
    LessThan,
    /// At least a duration: `ما لا يقل عن`.
    EqualOrMore,
    /// At most a duration.
    EqualOrLess,
    /// Before a point: `منذ أكثر من شهرين` (earlier than two months ago).
    Before,
    /// After a point.
    After,
}

impl TimexMod {
    /// The TIMEX3 name (`START`, `MORE_THAN` …).
    ///
    /// ```
    /// assert_eq!(rasid_core::TimexMod::End.as_str(), "END");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
        }
    }
}

/// A time expression with its normalised TIMEX3 value.
///
/// `value` is an ISO 8601 / TIMEX3 value: `2017-12-21`, `2017-10`, `2017`, `201` (a decade),
/// `20` (a century), `2018-W21` (a week), `2017-12-21T10:57`, `2017-12-21TEV` (evening),
/// `P2D`, `PT4H`, `PXD` (some days), `P1D` for a SET (`كل يوم`), `PAST_REF`, `PRESENT_REF`,
/// `FUTURE_REF`, a Gregorian interval `2018-05-17/2018-06-14` for a Hijri month. Parts that
/// could not be resolved are `X`: `XXXX-12-21` (a day and month without an anchor),
/// `XXXX-WXX-4` (a Thursday without an anchor).
///
/// ```
/// use rasid_core::{Span, TextPart, TimeExpr, TimexMod, TimexType};
/// let t = TimeExpr {
///     part: TextPart::Body,
///     span: Span::new(0, 16),
///     text: "اكثر من اسبوع".into(),
///     kind: TimexType::Duration,
///     value: "P1W".into(),
///     modifier: Some(TimexMod::MoreThan),
///     anchored: false,
/// };
/// let json = serde_json::to_string(&t).unwrap();
/// assert!(json.contains(r#""type":"DURATION""#) && json.contains(r#""mod":"MORE_THAN""#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct TimeExpr {
    /// Which text of the article `span` points into.
    #[serde(default)]
    pub part: TextPart,
    /// Where the expression is, in bytes of the analysed text.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The normalised value (see the type's documentation).
    pub value: String,
    /// START, MID, END, APPROX, MORE_THAN, LESS_THAN …
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// True when the value was computed from the anchor (the publication time):
    /// `الخميس`, `أمس`, `الشهر المقبل`, or a month without a year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anchored: bool,
}

/// What kind of quantity a number is.
///
/// ```
/// use rasid_core::NumberKind;
/// assert_eq!(serde_json::to_string(&NumberKind::Percent).unwrap(), "\"percent\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// A count or amount: `20`, `أربع`, `ثلاثة آلاف`.
    Cardinal,
    /// A rank: `الثامنة` (8), `الثالث`.
    Ordinal,
    /// A percentage: `45%`, `30 بالمئة` (value 30).
    Percent,
    /// An amount of money (see [`NumberExpr::currency`]): `مليار دولار`.
    Money,
}

/// How a number is qualified.
///
/// ```
/// use rasid_core::NumberApprox;
/// assert_eq!(serde_json::to_string(&NumberApprox::MoreThan).unwrap(), "\"more_than\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberApprox {
    /// About: `حوالي`, `نحو`, `قرابة`, `زهاء`, `تقريبا`.
    About,
    /// More than: `أكثر من`, `ما يزيد عن`.
    MoreThan,
    /// Less than: `أقل من`.
    LessThan,
    /// At least: `على الأقل`, `ما لا يقل عن`.
    AtLeast,
    /// At most: `ما يصل إلى`, `حتى`.
    AtMost,
}

/// A number found in a text, in digits or in words.
///
/// ```
/// use rasid_core::{NumberExpr, NumberKind, Span, TextPart};
/// let n = NumberExpr {
///     part: TextPart::Body,
///     span: Span::new(0, 11),
///     text: "20 شخصا".into(),
///     value: 20.0,
///     kind: NumberKind::Cardinal,
///     currency: None,
///     approx: None,
///     counts: Some("شخص".into()),
/// };
/// assert_eq!(serde_json::to_value(&n).unwrap()["counts"], "شخص");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NumberExpr {
    /// Which text of the article `span` points into.
    #[serde(default)]
    pub part: TextPart,
    /// Where the number is (with its approximation word, multiplier, currency or
    /// percent sign), in bytes of the analysed text.
    pub span: Span,
    /// The number as written.
    pub text: String,
    /// Its value: `3000` for `ثلاثة آلاف`, `1.4e9` for `1.4 مليار`, `8` for `الثامنة`.
    pub value: f64,
    /// Cardinal, ordinal, percent or money.
    pub kind: NumberKind,
    /// For money: the ISO 4217 code when the currency is known (`USD`, `EGP`, `SAR`),
    /// otherwise the currency word as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// About, more than, less than …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<NumberApprox>,
    /// What the number counts when a noun follows it: the noun's base without
    /// the accusative ending (`شخص` for `20 شخصا`, `مناطق` for `أربع مناطق`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
}
