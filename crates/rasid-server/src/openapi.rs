//! The OpenAPI 3.1 document, generated from the code.
//!
//! Routes, parameters and the server's own types come from the handlers'
//! `#[utoipa::path]` and `ToSchema` derives (see [`crate::api`]). The article and
//! analysis types of `rasid-core` already carry JSON Schemas (`schemars`, the
//! schemas `rasid schema` prints); they are added to the document's components
//! as generated, so the API and the CLI share one contract.
//!
//! ```
//! let doc = rasid_server::openapi::document();
//! assert_eq!(doc["openapi"], "3.1.0");
//! assert!(doc["paths"]["/api/search"]["get"].is_object());
//! assert!(doc["components"]["schemas"]["AnalyzedArticle"]["properties"]["extractions"].is_object());
//! ```

use std::borrow::Cow;
use std::sync::OnceLock;

use rasid::core::AnalyzedArticle;
use schemars::generate::SchemaSettings;
use serde_json::Value;
use utoipa::openapi::schema::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{OpenApi, Ref, RefOr};
use utoipa::{Modify, PartialSchema, ToSchema};

/// The document's parts that no handler gives: title, description, tags,
/// the write token's scheme.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "rasid",
        description = "Arabic news intelligence: search an index of Arabic news the way Arabic is written, \
read articles with the people, places, organisations, dates and numbers in them, ingest and analyse new \
articles. Errors are JSON: {\"status\": …, \"message\": …}."
    ),
    tags(
        (name = "search", description = "Search and volume over time"),
        (name = "articles", description = "Read, ingest and analyse articles"),
        (name = "events", description = "Events (who did what to whom), deduplicated across articles, and dyad counts"),
        (name = "stories", description = "Duplicate groups and stories, with timelines and summaries"),
        (name = "saved", description = "Searches saved on the server, and the articles new for each since it was last opened"),
        (name = "server", description = "Health and this document"),
    ),
    modifiers(&TokenScheme)
)]
struct Base;

struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The base the API router adds its routes to.
pub(crate) fn base() -> OpenApi {
    <Base as utoipa::OpenApi>::openapi()
}

/// Stands for [`rasid::core::AnalyzedArticle`] in the handlers' annotations; its
/// schema is the one `schemars` generates, put in by [`document`].
pub struct AnalyzedArticleSchema;

impl PartialSchema for AnalyzedArticleSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("An article with its analysis (replaced by the generated schema)"))
            .into()
    }
}

impl ToSchema for AnalyzedArticleSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("AnalyzedArticle")
    }
}

/// Stands for [`crate::api::articles::ArticleResponse`]: the article's
/// schema with its `relations`.
pub struct ArticleResponseSchema;

impl PartialSchema for ArticleResponseSchema {
    fn schema() -> RefOr<Schema> {
        let linked = || {
            ArrayBuilder::new().items(
                ObjectBuilder::new()
                    .property("id", ObjectBuilder::new().schema_type(Type::String))
                    .property("title", ObjectBuilder::new().schema_type(Type::String))
                    .property(
                        "source",
                        ObjectBuilder::new().schema_type(SchemaType::from_iter([Type::String, Type::Null])),
                    )
                    .property(
                        "published",
                        ObjectBuilder::new()
                            .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                            .description(Some("Unix seconds")),
                    )
                    .property(
                        "shared",
                        ObjectBuilder::new()
                            .schema_type(Type::Number)
                            .description(Some("The share of text the two share, 0–1 (rewrites and related only)")),
                    )
                    .required("id")
                    .required("title"),
            )
        };
        let relations = ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
            .description(Some(
                "What the article is linked to; null before `rasid stories` has seen it. Only copies fold search \
                 results: rewrites and related articles are links.",
            ))
            .property(
                "story",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
                    .description(Some(
                        "Its story: {id, articles, reports, first, last, label: {terms, entities}}",
                    )),
            )
            .property("copies", linked())
            .property("rewrites", linked())
            .property("related", linked());
        AllOfBuilder::new()
            .item(Ref::from_schema_name("AnalyzedArticle"))
            .item(
                ObjectBuilder::new()
                    .property("relations", relations)
                    .required("relations"),
            )
            .into()
    }
}

impl ToSchema for ArticleResponseSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ArticleResponse")
    }
}

/// The whole document, built once.
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let api = crate::api::router().into_openapi();
        let mut doc = serde_json::to_value(api).unwrap_or(Value::Null);
        add_core_schemas(&mut doc);
        doc
    })
}

/// Puts the `schemars` schemas of the core types into `components.schemas`,
/// with their references pointing there.
fn add_core_schemas(doc: &mut Value) {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    settings.meta_schema = None;
    let mut generator = settings.into_generator();
    // Registers the type and everything it holds as definitions, by name.
    let _reference = generator.subschema_for::<AnalyzedArticle>();
    let definitions = generator.take_definitions(true);
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        schemas.extend(definitions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_references_resolve() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for (at, _) in text.match_indices("\"$ref\":\"#/components/schemas/") {
            let rest = &text[at + 29..];
            let name = &rest[..rest.find('"').unwrap()];
            assert!(schemas.contains_key(name), "{name} is referenced but not defined");
        }
        assert!(!text.contains("#/$defs/"), "every reference points into the components");
        assert!(schemas["AnalyzedArticle"]["properties"]["article"].is_object());
        assert!(schemas.contains_key("Article"), "nested core types are components too");
    }
}
