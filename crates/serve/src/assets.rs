//! What the page needs besides its HTML, embedded so the service works with no network: the
//! vendored htmx (origin and licence in `assets/README.md`), and the headers that keep the
//! page from running anything it did not ship.

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the page loads htmx from; the version is in the name, so it may be cached for good.
pub(crate) const HTMX_PATH: &str = "/assets/htmx-2.0.11.min.js";
const HTMX: &[u8] = include_bytes!("../assets/htmx-2.0.11.min.js");

pub(crate) async fn htmx() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        HTMX,
    )
        .into_response()
}

/// Scripts only from this service (never inline, so a value that slipped past escaping
/// still cannot run), no framing, forms post only here; styles are inline in the page.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The security headers every answer carries.
pub(crate) fn headers() -> [SetResponseHeaderLayer<HeaderValue>; 3] {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    [
        set(header::CONTENT_SECURITY_POLICY, POLICY),
        set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        set(header::REFERRER_POLICY, "same-origin"),
    ]
}
