//! Named entities found in an article: mentions, the entities they refer to,
//! roles, place links, demonyms and groups.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// The four entity types of the tagger (ANERcorp's, with `PERS` written `PER`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// A location: country, city, region, natural feature.
    #[serde(rename = "LOC")]
    Loc,
    /// An organisation: ministry, agency, company, party, armed group.
    #[serde(rename = "ORG")]
    Org,
    /// Any other name: events, nationalities used as names, products, works.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    /// All kinds, in a fixed order.
    pub const ALL: [EntityKind; 4] = [EntityKind::Per, EntityKind::Loc, EntityKind::Org, EntityKind::Misc];

    /// The short name used in output and in reports: `PER`, `LOC`, `ORG`, `MISC`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Loc => "LOC",
            EntityKind::Org => "ORG",
            EntityKind::Misc => "MISC",
        }
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which text of the article a span points into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TextPart {
    /// `Article::title`.
    Title,
    /// `Article::body`.
    #[default]
    Body,
}

/// One mention of a named entity in the text.
///
/// The span leaves proclitics out: in `وروسيا` the mention is `روسيا`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// The text the span points into.
    pub part: TextPart,
    /// Where the mention is, in bytes of that text.
    pub span: Span,
    /// The mention as written (the text under `span`).
    pub text: String,
    /// Its type.
    pub kind: EntityKind,
    /// Index of the entity it refers to, in [`ArticleEntities::entities`].
    pub entity: usize,
}

/// The position someone holds, as the text gives it next to their name
/// (`وزير الخارجية الروسى سيرغى لافروف`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    /// A stable English label: `foreign minister`, `defence minister`,
    /// `president`, `prime minister`, `envoy`, `spokesperson`, …
    pub title: String,
    /// The role as written.
    pub text: String,
    /// The text it was found in.
    pub part: TextPart,
    /// Where it is.
    pub span: Span,
    /// ISO 3166-1 alpha-2 code of the country the role belongs to, when the text says
    /// (`الروسى` → `RU`; `موفد … الى سوريا` → `SY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The organisation the role belongs to, when named (`موفد الامم المتحدة` → `الامم المتحدة`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

/// A place linked to GeoNames.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlaceLink {
    /// GeoNames id.
    pub geonames_id: u32,
    /// GeoNames English name.
    pub name_en: String,
    /// ISO 3166-1 alpha-2 country code (`XK` for Kosovo).
    pub country: String,
    /// Latitude, WGS84 degrees (absent for a few regions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, WGS84 degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// GeoNames feature code: `PCLI` country, `PPLC` capital, `ADM1`, `PPLA`, `PPL`, …
    pub feature: String,
    /// GeoNames population, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

/// One entity of an article: every mention of it merged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Its index in [`ArticleEntities::entities`].
    pub id: usize,
    /// Its type.
    pub kind: EntityKind,
    /// The fullest Arabic form among its mentions (`ستافان دى ميستورا`).
    pub canonical: String,
    /// A stable identity across articles: `geonames:<id>` for linked places
    /// (`place:<name>` for hand-added places GeoNames lacks), and for other
    /// entities the kind and a spelling skeleton that variants share
    /// (`PER:بتن` for `بوتين` and `بوتن`). Empty when unknown (older extractions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// An English name, when a gazetteer gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Indexes of its mentions in [`ArticleEntities::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// The role the text gives the person, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The GeoNames place, for locations the gazetteer knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceLink>,
    /// The CAMEO actor code the event coder gives the entity (`RUS` for
    /// `روسيا`, `RUSGOV` for `وزير الخارجية الروسى سيرغى لافروف`, `UNO` for
    /// `الامم المتحدة`), from the actor dictionary entry it matches (resolved
    /// against the article's date), its role, or its country; absent where
    /// none applies, and for places that are not a country or a capital (a
    /// city is where things happen, not an actor). Filled by the pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
}

/// A nationality adjective resolved to its country (`الروسى` → `RU`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Demonym {
    /// The text the span points into.
    pub part: TextPart,
    /// Where it is (proclitics other than the article left out).
    pub span: Span,
    /// As written.
    pub text: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
}

/// What kind of collective actor a [`Group`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// A government or regime (`النظام السورى`, `الحكومة السورية`).
    Government,
    /// An opposition or rebels (`المعارضة`, `الفصائل المعارضة`).
    Opposition,
    /// A people or ethnic group (`الاكراد`).
    People,
    /// Armed or security forces (`القوات الروسية`).
    Forces,
}

/// A collective actor named by a common noun phrase rather than a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// The text the span points into.
    pub part: TextPart,
    /// Where it is.
    pub span: Span,
    /// As written.
    pub text: String,
    /// Its kind.
    pub kind: GroupKind,
    /// A stable English label (`Syrian government`, `opposition`, `Kurds`).
    pub label: String,
    /// ISO 3166-1 alpha-2 code of the country, when the phrase or the article says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Everything the entity extractor found in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleEntities {
    /// Every mention, title first, then body, in text order.
    pub mentions: Vec<Mention>,
    /// The entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Nationality adjectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<Demonym>,
    /// Collective actors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}
