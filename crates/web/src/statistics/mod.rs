//! National THB statistics: submissions, validation, revisions, EU aggregation, disclosure control and the
//! SDMX-CSV and JSON-stat exports, in pages and the API. The capability itself lives in the `stats` crate;
//! this area is its web side, and holds no route yet.

use crate::http::ApiRouter;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
}
