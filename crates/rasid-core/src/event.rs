//! Events (who did what to whom, where and when, coded in CAMEO and PLOVER) and
//! quotes with their speakers.
//!
//! ```
//! use rasid_core::{Actor, Event, Trigger, Modality, QuadClass, Span, TextPart};
//!
//! let event = Event {
//!     part: TextPart::Body,
//!     sentence: Span::new(0, 120),
//!     source: Some(Actor::coded(Span::new(40, 58), "النظام السورى", "SYRGOV")),
//!     action: Trigger { span: Span::new(0, 8), text: "بدأت".into() },
//!     target: Some(Actor::coded(Span::new(59, 84), "والفصائل المعارضة", "SYRREB")),
//!     code: "046".into(),
//!     plover: Some("CONSULT".into()),
//!     plover_mode: None,
//!     quad_class: QuadClass::VerbalCooperation,
//!     goldstein: 7.0,
//!     place: None,
//!     date: None,
//!     modality: Modality::Asserted,
//!     reported: false,
//!     quote: None,
//!     confidence: 0.8,
//! };
//! assert_eq!(event.root(), "04");
//! let json = serde_json::to_value(&event).unwrap();
//! assert_eq!(json["quad_class"], 1);
//! assert_eq!(json["source"]["code"], "SYRGOV");
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Span, TextPart};

/// One participant of an event: its text and its CAMEO actor code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// Where the actor is named, in bytes of the event's text part.
    pub span: Span,
    /// The actor as written (`وزير الخارجية الروسى سيرغى لافروف`).
    pub text: String,
    /// The CAMEO actor code as GDELT and PETRARCH write it: a country (ISO
    /// alpha-3, or `---` for none) followed by agent codes (`SYRGOV`, `RUSGOV`,
    /// `---CVL`, `USAMIL`), or an international code (`UNO`, `IGOUNO`). Empty
    /// when the actor could not be coded.
    pub code: String,
    /// The entity of the article it is, an index into
    /// [`ArticleEntities::entities`](crate::ArticleEntities::entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

impl Actor {
    /// An actor with its code and no linked entity.
    pub fn coded(span: Span, text: impl Into<String>, code: impl Into<String>) -> Self {
        Actor {
            span,
            text: text.into(),
            code: code.into(),
            entity: None,
        }
    }

    /// The country part of the code (its first three letters), when it has one:
    /// `SYR` for `SYRGOV`, `None` for `---CVL` or `UNO`.
    pub fn country(&self) -> Option<&str> {
        let country = self.code.get(..3)?;
        (country.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(country, "IGO" | "NGO" | "UNO" | "IMG"))
            .then_some(country)
    }
}

/// The words that carry an event or a quote: a verb (`اتهم`, `قال`) or a noun (`اغتيال`, `محادثات`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Trigger {
    /// Where the action is, in bytes of the event's text part.
    pub span: Span,
    /// As written.
    pub text: String,
}

/// GDELT's four-way summary of an event code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, JsonSchema)]
pub enum QuadClass {
    /// 1: statements, appeals, consultations (CAMEO roots 01–05).
    VerbalCooperation,
    /// 2: aid, cooperation, yielding (06–08).
    MaterialCooperation,
    /// 3: demands, disapproval, rejection, threats (09–13).
    VerbalConflict,
    /// 4: protest, force, coercion, assault, fighting (14–20).
    MaterialConflict,
}

impl QuadClass {
    /// All four, in GDELT's order.
    pub const ALL: [QuadClass; 4] = [
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];

    /// GDELT's number for it, 1 to 4.
    pub const fn number(self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// The class of a CAMEO code (`"046"` → verbal cooperation), from its root.
    ///
    /// ```
    /// use rasid_core::QuadClass;
    /// assert_eq!(QuadClass::of_code("0871"), Some(QuadClass::MaterialCooperation));
    /// assert_eq!(QuadClass::of_code("112"), Some(QuadClass::VerbalConflict));
    /// assert_eq!(QuadClass::of_code("x"), None);
    /// ```
    pub fn of_code(code: &str) -> Option<QuadClass> {
        let root: u8 = code.get(..2)?.parse().ok()?;
        Some(match root {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            14..=20 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// The number as a class, for 1 to 4.
    pub const fn from_number(n: u8) -> Option<QuadClass> {
        match n {
            1 => Some(QuadClass::VerbalCooperation),
            2 => Some(QuadClass::MaterialCooperation),
            3 => Some(QuadClass::VerbalConflict),
            4 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }
}

impl Serialize for QuadClass {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for QuadClass {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(deserializer)?;
        QuadClass::from_number(n).ok_or_else(|| serde::de::Error::custom(format!("quad class {n} is not 1 to 4")))
    }
}

/// How the text presents an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// It happened (or is happening).
    #[default]
    Asserted,
    /// The text says it did not happen, or someone denies it (`نفى`, `لم`, `لن`).
    Negated,
    /// Someone threatens it (`هدد`, `توعد`).
    Threatened,
    /// Someone intends, plans or is expected to do it (`يعتزم`, `تعتزم`, `سوف`, `سـ`).
    Intended,
}

/// Where an event took place: a place the sentence names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventPlace {
    /// Where it is named, in bytes of the event's text part.
    pub span: Span,
    /// As written.
    pub text: String,
    /// The place entity, an index into
    /// [`ArticleEntities::entities`](crate::ArticleEntities::entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// Its GeoNames id, when the entity is linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
    /// ISO 3166-1 alpha-2 code of its country, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Where an event's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A time expression of the sentence (`span` points at it).
    Text,
    /// The article's publication date: the sentence gives none.
    Dateline,
}

/// When an event took place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventDate {
    /// A TIMEX3 value: `2017-12-21`, `2017-05`, `2017-W51`.
    pub value: String,
    /// Where the value comes from.
    pub source: DateSource,
    /// The time expression, when the text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One event reported by a sentence: source actor, action, target actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Which text of the article the spans point into.
    #[serde(default)]
    pub part: TextPart,
    /// The sentence that reports it.
    pub sentence: Span,
    /// Who acts, when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Actor>,
    /// What they do.
    pub action: Trigger,
    /// On whom, when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Actor>,
    /// The CAMEO event code, 3 or 4 digits (`046`, `0871`), or a 2-digit root
    /// when nothing finer applies (`04`).
    pub code: String,
    /// The PLOVER category (`CONSULT`, `ACCUSE`, `ASSAULT`), when CAMEO maps to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// The PLOVER mode, where the category has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover_mode: Option<String>,
    /// GDELT's quad class (1 to 4).
    pub quad_class: QuadClass,
    /// The Goldstein score of the code, from -10 (most conflictual) to +10.
    pub goldstein: f32,
    /// Where it happened, when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlace>,
    /// When it happened: a time expression of the sentence, else the dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// Asserted, negated, threatened or intended.
    #[serde(default)]
    pub modality: Modality,
    /// True when the text reports it as someone else's claim (`قال … إن`,
    /// `ذكرت وكالة … أن`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reported: bool,
    /// The quote this statement event is, an index into [`Extractions::quotes`](crate::Extractions::quotes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
    /// How sure the coder is, from 0 to 1.
    pub confidence: f32,
}

impl Event {
    /// The CAMEO root of the code: its first two digits (`046` → `04`).
    pub fn root(&self) -> &str {
        self.code.get(..2).unwrap_or(&self.code)
    }
}

/// How a quote is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's own words, in «» or "".
    Direct,
    /// Reported speech: `قال إن …`, `أكد أن …`.
    Indirect,
    /// Reported speech that quotes some words directly (`مشيرا الى "اضاعة فرصة ذهبية"`).
    Mixed,
}

/// Who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// Where the speaker is named (or the subject the cue refers back to).
    pub span: Span,
    /// As written: a name, or a description (`متحدث باسم وزارة خارجية كازاخستان`).
    pub text: String,
    /// The entity of the article it is (a person, or an organisation speaking),
    /// an index into [`ArticleEntities::entities`](crate::ArticleEntities::entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// For a description, the organisation it speaks for (an entity index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<usize>,
    /// The speaker's CAMEO actor code, when it can be coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A quote: what someone said, and who.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Which text of the article the spans point into.
    #[serde(default)]
    pub part: TextPart,
    /// The speech verb or noun (`قال`, `اعلنت`, `مشيرا`).
    pub cue: Trigger,
    /// What was said, as written (inside the quotation marks for a direct quote).
    pub content: Span,
    /// The content as written.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Who said it, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
}
