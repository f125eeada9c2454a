//! Who may talk to the server: the checks that keep a page on another site from
//! using a browser as its way in.
//!
//! - **DNS rebinding.** Every request's `Host` must name the server: the address it
//!   is bound to (any of the machine's addresses when bound to `0.0.0.0` or `::`),
//!   `localhost` when it listens on loopback, or one of the names it was given
//!   ([`crate::Config::hosts`], `rasid serve --host NAME`). A page on
//!   `evil.example` whose name was made to point at 127.0.0.1 sends
//!   `Host: evil.example` and is refused (403), for reads as well as writes.
//! - **Cross-site writes.** A request that is not `GET`, `HEAD` or `OPTIONS` is
//!   refused (403) when the browser says it comes from another site
//!   (`Sec-Fetch-Site` other than `same-origin` or `none`) or from another
//!   origin (`Origin` other than this server's own, `null` included). Clients
//!   that are not browsers send neither header and are not affected.
//! - **No simple writes.** `POST /api/articles` needs a Content-Type that a page
//!   on another site cannot send without the browser asking the server first (a
//!   CORS preflight, which this server never grants): `application/json`,
//!   `application/x-ndjson` and the other forms rasid reads, not `text/plain`,
//!   `application/x-www-form-urlencoded`, `multipart/form-data` or none (415).
//!   A `POST` to the saved searches (`/api/saved…`) needs `application/json`.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::state::AppState;

/// The routes that write to the index.
const WRITE_PATHS: &[&str] = &["/api/articles"];

/// The routes whose `POST`s take JSON only (and their sub-paths).
const JSON_PATHS: &[&str] = &["/api/saved"];

/// The Content-Types a page on any site may send without a preflight.
const SIMPLE_TYPES: &[&str] = &["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

/// The middleware: refuses what [`check`] refuses, before anything else runs.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    match check(
        request.method(),
        request.uri().path(),
        request.headers(),
        state.local_addr(),
        &state.config().hosts,
    ) {
        Ok(()) => next.run(request).await,
        Err(refused) => refused.into_response(),
    }
}

/// Checks the `Host`, then for unsafe methods the request's origin, then for
/// writes the Content-Type.
///
/// # Errors
/// [`Error::Forbidden`] and [`Error::UnsupportedMediaType`], saying why.
pub fn check(
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    bound: Option<SocketAddr>,
    names: &[String],
) -> Result<(), Error> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(host) = host {
        if !host_allowed(host, bound, names) {
            return Err(Error::Forbidden(format!(
                "{host:?} is not a name of this server: serve with --host {} to answer it",
                host_name(host)
            )));
        }
    }
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        let site = site.to_str().unwrap_or("?");
        if !matches!(site, "same-origin" | "none") {
            return Err(Error::Forbidden(format!(
                "a page on another site ({site}) may not write to this server"
            )));
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let own = host.is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|o| o.eq_ignore_ascii_case(host))
        });
        if !own {
            return Err(Error::Forbidden(format!(
                "a page from {origin} may not write to this server: only its own pages may"
            )));
        }
    }
    let mime = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    let json_only = JSON_PATHS.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    let given = if mime.is_empty() { "none" } else { mime.as_str() };
    if json_only && *method == Method::POST && mime != "application/json" {
        return Err(Error::UnsupportedMediaType(format!(
            "this write needs Content-Type application/json, not {given}"
        )));
    }
    if WRITE_PATHS.contains(&path) && (mime.is_empty() || SIMPLE_TYPES.contains(&mime.as_str())) {
        return Err(Error::UnsupportedMediaType(format!(
            "a write needs Content-Type application/json or application/x-ndjson (or text/html, \
             application/rss+xml, application/octet-stream with ?format=), not {given}"
        )));
    }
    Ok(())
}

/// The name part of a `Host` header: lower case, without port, brackets or final dot.
fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// True when `host` names this server (see the module's documentation).
fn host_allowed(host: &str, bound: Option<SocketAddr>, names: &[String]) -> bool {
    let name = host_name(host);
    if names.iter().any(|n| host_name(n) == name) {
        return true;
    }
    let bound_ip = bound.map(|a| a.ip());
    let loopback = bound_ip.is_none_or(|ip| ip.is_loopback() || ip.is_unspecified());
    if name == "localhost" {
        return loopback;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => match bound_ip {
            Some(b) if b.is_unspecified() => true,
            Some(b) => ip == b || (b.is_loopback() && ip.is_loopback()),
            None => ip.is_loopback(),
        },
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn host_names() {
        assert_eq!(host_name("Example.ORG.:8080"), "example.org");
        assert_eq!(host_name("[::1]:80"), "::1");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap_or_else(|_| unreachable!());
        let all: SocketAddr = "0.0.0.0:80".parse().unwrap_or_else(|_| unreachable!());
        let names = vec!["news.example.org".to_owned()];
        assert!(host_allowed("127.0.0.1:8080", Some(local), &[]));
        assert!(host_allowed("localhost:8080", Some(local), &[]));
        assert!(host_allowed("[::1]:8080", Some(local), &[]));
        assert!(!host_allowed("evil.example:8080", Some(local), &[]));
        assert!(!host_allowed("10.0.0.1", Some(local), &[]));
        assert!(host_allowed("10.0.0.1", Some(all), &[]));
        assert!(!host_allowed("evil.example", Some(all), &[]));
        assert!(host_allowed("News.Example.org", Some(all), &names));
    }

    #[test]
    fn writes_from_other_sites_are_refused() {
        let post = Method::POST;
        let ok = headers(&[("host", "127.0.0.1:1"), ("content-type", "application/json")]);
        assert!(check(&post, "/api/articles", &ok, None, &[]).is_ok());
        let same = headers(&[
            ("host", "127.0.0.1:1"),
            ("origin", "http://127.0.0.1:1"),
            ("sec-fetch-site", "same-origin"),
            ("content-type", "application/x-ndjson"),
        ]);
        assert!(check(&post, "/api/articles", &same, None, &[]).is_ok());
        for bad in [
            headers(&[("host", "127.0.0.1:1"), ("origin", "http://evil.example")]),
            headers(&[("host", "127.0.0.1:1"), ("origin", "null")]),
            headers(&[("host", "127.0.0.1:1"), ("sec-fetch-site", "cross-site")]),
            headers(&[("host", "127.0.0.1:1"), ("sec-fetch-site", "same-site")]),
        ] {
            assert!(matches!(
                check(&post, "/api/analyze", &bad, None, &[]),
                Err(Error::Forbidden(_))
            ));
            // Reads are not writes.
            assert!(check(&Method::GET, "/api/search", &bad, None, &[]).is_ok());
        }
        for simple in ["text/plain;charset=UTF-8", "multipart/form-data; boundary=x"] {
            let mut h = headers(&[("host", "127.0.0.1:1")]);
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(simple));
            assert!(matches!(
                check(&post, "/api/articles", &h, None, &[]),
                Err(Error::UnsupportedMediaType(_))
            ));
        }
        let none = headers(&[("host", "127.0.0.1:1")]);
        assert!(check(&post, "/api/articles", &none, None, &[]).is_err());
        assert!(matches!(
            check(&post, "/api/saved/1/open", &none, None, &[]),
            Err(Error::UnsupportedMediaType(_))
        ));
        assert!(check(&Method::DELETE, "/api/saved/1", &none, None, &[]).is_ok());
        assert!(check(&post, "/api/savedx", &none, None, &[]).is_ok());
        let json = headers(&[
            ("host", "127.0.0.1:1"),
            ("content-type", "application/json; charset=utf-8"),
        ]);
        assert!(check(&post, "/api/saved", &json, None, &[]).is_ok());
        let ndjson = headers(&[("host", "127.0.0.1:1"), ("content-type", "application/x-ndjson")]);
        assert!(check(&post, "/api/saved", &ndjson, None, &[]).is_err());
        assert!(check(&post, "/api/analyze", &none, None, &[]).is_ok());
    }
}
