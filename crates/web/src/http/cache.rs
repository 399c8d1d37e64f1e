//! Pages at the speed of a static site: what the public reads is rendered once and served from memory until
//! the content changes, with validators (`ETag`, `Last-Modified`, `304 Not Modified`) and a `Cache-Control`
//! that lets a reverse proxy or a CDN share the load.
//!
//! What is kept: answers `200` to `GET` requests without credentials (no `Authorization`, no session
//! cookie) that set no cookie and no `Cache-Control` of their own. Each entry carries the content version it
//! was rendered at (the `freshness` module moves the version on when the store reports a change, from this
//! process or another) and, for pages that depend on the time (a call's countdown), the instant it stops
//! being right ([`FreshUntil`]). Signed-in pages are never kept: they carry the session's CSRF token.
//!
//! `Cache-Control` for shared caches: kept pages may be served for [`SHARED_MAX_AGE`] seconds without asking
//! (less when they expire sooner), and revalidated cheaply after; browsers revalidate every time
//! (`max-age=0`), which costs a 304 from memory. Everything else is `no-store`.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};
use chrono::{DateTime, Utc};
use rapporteur_core::Clock;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

/// How long a shared cache may serve a page without asking again: a published change reaches readers behind
/// a CDN within this many seconds.
pub const SHARED_MAX_AGE: i64 = 10;

/// The memory the kept pages may take, by default.
pub const DEFAULT_CAPACITY_BYTES: u64 = 256 * 1024 * 1024;

/// The largest page kept (a sitemap file of 50,000 addresses is about 4 MB).
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

/// What a kept page depends on besides its address: the language negotiated, and whether the caller is signed
/// in (signed-in callers get pages of their own, never kept). A shared cache that honours `Vary` keeps pages
/// apart accordingly; see the README for one that does not.
const VARY: HeaderValue = HeaderValue::from_static("accept-language, cookie, authorization");

/// Set by a handler whose page depends on the time: it stays right until this instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreshUntil(pub DateTime<Utc>);

/// The response part that tells the cache how long a page depending on the time stays right (nothing when
/// it stays right until the content changes).
pub fn fresh_until(at: Option<DateTime<Utc>>) -> Option<axum::Extension<FreshUntil>> {
    at.map(|t| axum::Extension(FreshUntil(t)))
}

/// A page as it was answered, with the headers of its answers made once.
#[derive(Debug)]
struct Kept {
    version: u64,
    fresh_until: Option<DateTime<Utc>>,
    etag: HeaderValue,
    last_modified: DateTime<Utc>,
    last_modified_header: HeaderValue,
    /// `Cache-Control`, when it does not depend on the time of the request.
    cache_control: Option<HeaderValue>,
    /// The handler's own headers (content type, disposition).
    headers: Vec<(header::HeaderName, HeaderValue)>,
    body: Bytes,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Arc<Kept>> for Weight {
    fn weight(&self, key: &String, page: &Arc<Kept>) -> u64 {
        (key.len() + page.body.len() + 256) as u64
    }
}

/// The pages kept in memory, and the content version they are checked against.
pub struct PageCache {
    pages: quick_cache::sync::Cache<String, Arc<Kept>, Weight>,
    /// Moves on with every change seen: a page kept at an older version is rendered again. Read on every
    /// request without a lock; written only under `stamp`'s lock.
    version: AtomicU64,
    /// The version and when the content last changed (or the server started), read together before a page
    /// is rendered: the page is kept under that version with that `Last-Modified`, so a page rendered from
    /// older content never carries a newer date.
    stamp: Mutex<(u64, DateTime<Utc>)>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").field("pages", &self.pages.len()).finish()
    }
}

impl PageCache {
    /// An empty cache of at most `capacity_bytes`, its content as of `now`.
    pub fn new(capacity_bytes: u64, now: DateTime<Utc>) -> Self {
        // About 20 kB a page on average.
        let estimated = (capacity_bytes / 20_000).max(16) as usize;
        PageCache {
            pages: quick_cache::sync::Cache::with_weighter(estimated, capacity_bytes, Weight),
            version: AtomicU64::new(0),
            stamp: Mutex::new((0, now)),
        }
    }

    /// The content changed at `now`: every kept page is rendered again when next asked for. The version
    /// moves on before the pages are forgotten, so that a page rendered from the old content meanwhile is
    /// kept under the old version and never served.
    pub fn retire(&self, now: DateTime<Utc>) {
        {
            let mut stamp = self.stamp.lock().unwrap_or_else(|e| e.into_inner());
            *stamp = (stamp.0 + 1, now.max(stamp.1));
            self.version.store(stamp.0, Ordering::Release);
        }
        self.pages.clear();
    }

    fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// The version to keep a page under, and its `Last-Modified`.
    fn stamp(&self) -> (u64, DateTime<Utc>) {
        *self.stamp.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// Whether a request may be answered from, and kept in, the shared cache.
fn public_read(request: &Request) -> bool {
    let headers = request.headers();
    (request.method() == Method::GET || request.method() == Method::HEAD)
        && !headers.contains_key(header::AUTHORIZATION)
        && crate::http::session::cookie(headers, crate::http::session::SESSION_COOKIE).is_none()
}

fn key(request: &Request) -> String {
    // The language as the page's handler chooses it (`?lang=`, then `Accept-Language`).
    let lang = crate::ui::i18n::Lang::of(request.uri(), request.headers()).lang();
    format!("{lang} {}", request.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"))
}

fn http_date(at: DateTime<Utc>) -> HeaderValue {
    HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).expect("an HTTP date is header text")
}

/// A page that stays right until it expires may be served stale while a shared cache revalidates it; a page
/// that depends on the time (a call's countdown) may not: stale, it would be wrong.
fn cache_control(fresh_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> HeaderValue {
    let value = match fresh_until {
        None => format!("public, max-age=0, s-maxage={SHARED_MAX_AGE}, stale-while-revalidate=30"),
        Some(t) => format!("public, max-age=0, s-maxage={}", (t - now).num_seconds().clamp(0, SHARED_MAX_AGE)),
    };
    HeaderValue::from_str(&value).expect("digits are header text")
}

/// Whether the client's validators show it holds this page already.
fn not_modified(request_headers: &HeaderMap, etag: &HeaderValue, last_modified: DateTime<Utc>) -> bool {
    if let Some(sent) = request_headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        let etag = etag.to_str().unwrap_or_default();
        return sent.split(',').map(str::trim).any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag));
    }
    request_headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| last_modified.timestamp() <= since.timestamp())
}

/// Answers a kept page: in full, or 304 when the client has it.
fn answer(page: &Kept, request_headers: &HeaderMap, head: bool, now: DateTime<Utc>) -> Response<Body> {
    let unchanged = not_modified(request_headers, &page.etag, page.last_modified);
    let body = if unchanged || head { Body::empty() } else { Body::from(page.body.clone()) };
    let mut response = Response::new(body);
    if unchanged {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
    }
    let headers = response.headers_mut();
    if !unchanged {
        for (name, value) in &page.headers {
            headers.insert(name, value.clone());
        }
    }
    headers.insert(header::ETAG, page.etag.clone());
    headers.insert(header::LAST_MODIFIED, page.last_modified_header.clone());
    headers.insert(header::VARY, VARY);
    headers.insert(
        header::CACHE_CONTROL,
        page.cache_control.clone().unwrap_or_else(|| cache_control(page.fresh_until, now)),
    );
    response
}

/// Serves public reads from memory, in front of the router, and keeps what the router renders for them;
/// marks every other answer `no-store`. A page kept is answered without routing or any other middleware:
/// its headers (the security headers among them) are those of the answer it was kept from.
#[derive(Clone)]
pub struct ServeFromMemory<S> {
    inner: S,
    pages: Arc<PageCache>,
    clock: Arc<dyn Clock>,
}

impl<S> ServeFromMemory<S> {
    pub fn new(inner: S, pages: Arc<PageCache>, clock: Arc<dyn Clock>) -> Self {
        ServeFromMemory { inner, pages, clock }
    }
}

impl<S> tower::Service<Request> for ServeFromMemory<S>
where
    S: tower::Service<Request, Response = Response<Body>, Error = std::convert::Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response<Body>, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The router that served `poll_ready` serves this request; a fresh clone waits for the next one.
        let inner = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, inner);
        if !public_read(&request) {
            return Box::pin(async move {
                let mut response = inner.oneshot(request).await?;
                response.headers_mut().entry(header::CACHE_CONTROL).or_insert(NO_STORE);
                Ok(response)
            });
        }
        let key = key(&request);
        let now = self.clock.now();
        if let Some(page) = self.pages.pages.get(&key) {
            if page.version == self.pages.version() && page.fresh_until.is_none_or(|t| now < t) {
                let head = request.method() == Method::HEAD;
                return Box::pin(std::future::ready(Ok(answer(&page, request.headers(), head, now))));
            }
        }
        let pages = self.pages.clone();
        Box::pin(async move { Ok(render_and_keep(inner, &pages, request, key, now).await) })
    }
}

/// Asks the router for a page and keeps the answer if it may be kept. A `HEAD` is rendered as the `GET` it
/// stands for, so that what is kept is the whole page, and answered without its body.
async fn render_and_keep<S>(
    inner: S,
    pages: &PageCache,
    mut request: Request,
    key: String,
    now: DateTime<Utc>,
) -> Response<Body>
where
    S: tower::Service<Request, Response = Response<Body>, Error = std::convert::Infallible>,
{
    let head = request.method() == Method::HEAD;
    *request.method_mut() = Method::GET;
    let (version, last_modified) = pages.stamp();
    let request_headers = request.headers().clone();
    let Ok(response) = inner.oneshot(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CACHE_CONTROL);
    if !keep {
        let (mut parts, body) = response.into_parts();
        parts.headers.entry(header::CACHE_CONTROL).or_insert(NO_STORE);
        return Response::from_parts(parts, if head { Body::empty() } else { body });
    }
    let fresh_until = response.extensions().get::<FreshUntil>().map(|f| f.0);
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(key, error = %e, "a page could not be read to keep it");
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return response;
        }
    };
    let etag = HeaderValue::from_str(&format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..12])))
        .expect("hex is header text");
    let page = Arc::new(Kept {
        version,
        fresh_until,
        etag,
        last_modified,
        last_modified_header: http_date(last_modified),
        cache_control: fresh_until.is_none().then(|| cache_control(None, now)),
        headers: parts.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        body,
    });
    let response = answer(&page, &request_headers, head, now);
    pages.pages.insert(key, page);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators() {
        let etag = HeaderValue::from_static("\"abc\"");
        let at = DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z").unwrap().with_timezone(&Utc);
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, &etag, at));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\", \"abc\""));
        assert!(not_modified(&h, &etag, at));
        let mut h = HeaderMap::new();
        h.insert(header::IF_MODIFIED_SINCE, http_date(at));
        assert!(not_modified(&h, &etag, at));
        h.insert(header::IF_MODIFIED_SINCE, http_date(at - chrono::Duration::seconds(1)));
        assert!(!not_modified(&h, &etag, at));
        assert_eq!(http_date(at), "Sun, 29 Nov 2026 10:00:00 GMT");
    }

    #[test]
    fn shared_caches_never_keep_a_page_past_its_time() {
        let now = Utc::now();
        assert_eq!(cache_control(None, now), "public, max-age=0, s-maxage=10, stale-while-revalidate=30");
        let soon = now + chrono::Duration::seconds(3);
        assert_eq!(cache_control(Some(soon), now), "public, max-age=0, s-maxage=3", "and never stale");
        assert_eq!(cache_control(Some(now - chrono::Duration::seconds(3)), now), "public, max-age=0, s-maxage=0");
    }
}
