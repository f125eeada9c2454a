//! The layers around every route: bounds (requests in flight, time, body size),
//! who may ask ([`crate::guard`]), errors as JSON, security headers, compression.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{json_error, Error};
use crate::state::AppState;

/// The Content-Security-Policy of every answer: only this server's own scripts,
/// styles and data; no inline script or style, no frames, no other origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Most bytes of a non-JSON error body kept as the message.
const MAX_ERROR_MESSAGE: usize = 2_000;

/// Wraps the routes in the layers, innermost first.
pub fn wrap(router: Router, state: Arc<AppState>) -> Router {
    let max_body = state.limits().max_body_bytes;
    let headers: [(HeaderName, &'static str); 7] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    let mut router = router
        .layer(middleware::from_fn_with_state(state.clone(), bound))
        .layer(middleware::from_fn_with_state(state.clone(), crate::guard::guard))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state, json_errors));
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.layer(CompressionLayer::new())
}

/// Answers 503 at once past [`crate::Limits::max_in_flight`], and 503 when a
/// request runs past [`crate::Limits::request_timeout`].
async fn bound(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let limits = state.limits();
    let Ok(_permit) = state.in_flight.clone().try_acquire_owned() else {
        return Error::Busy {
            in_flight: limits.max_in_flight,
        }
        .into_response();
    };
    match tokio::time::timeout(limits.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Error::Timeout(limits.request_timeout).into_response(),
    }
}

/// Turns every error answer that is not JSON yet (the framework's own: a bad
/// query string, a body too large, an unknown method) into an
/// [`crate::error::ErrorBody`].
async fn json_errors(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        return Error::TooLarge {
            limit: state.limits().max_body_bytes,
        }
        .into_response();
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let text = String::from_utf8_lossy(body.get(..MAX_ERROR_MESSAGE.min(body.len())).unwrap_or_default());
    let message = match text.trim() {
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        text => text.to_owned(),
    };
    let mut answer = json_error(status, message);
    if let Some(allow) = allow {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}
