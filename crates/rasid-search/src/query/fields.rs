//! The fields a query may name, and which of them are analysed like text.

/// The field a text value is searched in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// Title (boosted) and body.
    Default,
    /// The headline.
    Title,
    /// The body.
    Body,
    /// Extracted entity names, any kind.
    Entities,
    /// Names of people.
    Person,
    /// Names of organisations.
    Org,
    /// Names of places, or a GeoNames id when the value is digits.
    Place,
    /// The outlet, exact.
    Source,
    /// The category, exact.
    Category,
    /// The byline, exact.
    Author,
    /// Place ids, exact.
    Places,
    /// The URL, exact and case-sensitive.
    Url,
    /// The article id, exact.
    Id,
    /// CAMEO event codes of the article's events, a code or any prefix of one
    /// (`04` finds `046`).
    Event,
    /// Source actor codes (who acts): `SYRGOV`, or a country `SYR`.
    Actor,
    /// Target actor codes (acted on): `SYRREB`, or a country `SYR`.
    Target,
    /// Source and target together: `SYRGOV>SYRREB`.
    Dyad,
}

impl FieldRef {
    /// True for fields whose values are analysed like text.
    pub fn is_analysed(self) -> bool {
        matches!(
            self,
            FieldRef::Default
                | FieldRef::Title
                | FieldRef::Body
                | FieldRef::Entities
                | FieldRef::Person
                | FieldRef::Org
                | FieldRef::Place
        )
    }
}

/// The field names a query may use, for error messages.
pub(super) const FIELD_NAMES: &str =
    "title, body, entities, person, org, place, places, source, category, author, url, id, event, actor, target, dyad, published, mentions";

pub(super) fn field_ref(name: &str) -> Option<FieldRef> {
    Some(match name {
        "title" => FieldRef::Title,
        "body" => FieldRef::Body,
        "entities" | "entity" => FieldRef::Entities,
        "person" | "persons" => FieldRef::Person,
        "org" | "orgs" => FieldRef::Org,
        "place" => FieldRef::Place,
        "source" => FieldRef::Source,
        "category" => FieldRef::Category,
        "author" => FieldRef::Author,
        "places" => FieldRef::Places,
        "url" => FieldRef::Url,
        "id" => FieldRef::Id,
        "event" | "events" => FieldRef::Event,
        "actor" => FieldRef::Actor,
        "target" => FieldRef::Target,
        "dyad" => FieldRef::Dyad,
        _ => return None,
    })
}
