//! The hidden figure: multiple systems estimation from the linkage's overlaps, with its models and
//! intervals, in pages and the API. The capability itself lives in the `mse` crate; this area is its web
//! side, and holds no route yet.

use crate::http::ApiRouter;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
}
