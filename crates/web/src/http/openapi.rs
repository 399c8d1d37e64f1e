//! The OpenAPI document of `/api/v1`: every API route is declared once, in its area's router, with its
//! description beside it (`#[utoipa::path]` on the handler, or built with the route for the editing
//! machinery's generic routes); the areas' routers carry their parts of the document with them.

use crate::http::error::{ErrorBody, Problem};
use crate::state::AppState;
use rapporteur_core::limits::{MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use rapporteur_core::problems::MAX_TITLE_CHARS;
use utoipa::openapi::schema::{ArrayItems, Schema, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

/// A router that collects the OpenAPI description of the routes it holds.
pub type ApiRouter = OpenApiRouter<AppState>;

#[derive(OpenApi)]
#[openapi(
    info(title = "Rapporteur API", description = "The EU anti-trafficking portal: its public content (projects, calls, news, agencies, Member States, instruments, search) and the network's workspace (editing with revisions, meetings, commitments, the Civil Society Platform, accounts and audit)."),
    modifiers(&BearerAuth),
    components(schemas(ErrorBody, Problem)),
    tags(
        (name = "projects", description = "EU-funded research projects"),
        (name = "calls", description = "Funding calls and calls for expression of interest"),
        (name = "news"), (name = "network"), (name = "member-states"), (name = "legislation"), (name = "search"),
        (name = "meetings", description = "The biannual meetings of the EU Network of NREMs"),
        (name = "commitments", description = "Monitoring the 2018 Joint Statement and the 2017 Communication"),
        (name = "accounts", description = "The caller's account and the audit log; personal API tokens as Bearer"),
        (name = "statistics", description = "National THB statistics: published figures in SDMX-CSV, JSON-stat, CSV and XLSX, as published on any date; submissions and their workflow"),
        (name = "linkage", description = "Counting each victim once: source organisations upload linkage keys (never names), the Member State's rapporteur runs the linkage as a background job and reads the distinct persons, overlaps, breakdowns and capture histories"),
        (name = "estimation", description = "The hidden figure: published multiple systems estimates of the number of victims, including those no list found, with the input, method, settings, seed and software version that reproduce each"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme: personal API tokens from `rapporteur user token`.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The router the areas' routers are merged into: it holds the document's title, tags and security scheme.
pub fn root() -> ApiRouter {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
}

/// Writes into every schema the limits the edge holds every document to ([`rapporteur_core::limits`]):
/// `maxLength` on every text (titles [`MAX_TITLE_CHARS`]), `maxItems` on every list; limits a schema
/// states itself are kept.
pub fn state_limits(openapi: &mut utoipa::openapi::OpenApi) {
    if let Some(components) = openapi.components.as_mut() {
        for schema in components.schemas.values_mut() {
            limit(schema, None);
        }
    }
}

fn limit(schema: &mut RefOr<Schema>, name: Option<&str>) {
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(object) => {
            let text = match &object.schema_type {
                SchemaType::Type(t) => *t == Type::String,
                SchemaType::Array(types) => types.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            if text && object.max_length.is_none() {
                object.max_length = Some(if name == Some("title") { MAX_TITLE_CHARS } else { MAX_TEXT_CHARS });
            }
            for (field, property) in object.properties.iter_mut() {
                limit(property, Some(field));
            }
        }
        Schema::Array(array) => {
            array.max_items.get_or_insert(MAX_LIST_ITEMS);
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                limit(items, None);
            }
        }
        Schema::OneOf(one) => one.items.iter_mut().for_each(|s| limit(s, name)),
        Schema::AllOf(all) => all.items.iter_mut().for_each(|s| limit(s, name)),
        Schema::AnyOf(any) => any.items.iter_mut().for_each(|s| limit(s, name)),
        _ => {}
    }
}
