//! Counting each victim once: uploading linkage keys, linkage runs as jobs, and the counts and overlaps they
//! give, in pages and the API. The capability itself lives in the `linkage` crate; this area is its web
//! side, and holds no route yet.

use crate::http::ApiRouter;

pub fn routes() -> ApiRouter {
    ApiRouter::new()
}
