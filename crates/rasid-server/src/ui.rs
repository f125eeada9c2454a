//! The web interface: static files embedded in the binary, served as they are
//! (no build step, nothing fetched from elsewhere).

use std::sync::Arc;

use axum::extract::Path;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::Error;
use crate::state::AppState;

/// One embedded file.
struct Asset {
    path: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! assets {
    ($($path:literal => $type:expr),* $(,)?) => {
        &[$(Asset { path: $path, content_type: $type, bytes: include_bytes!(concat!("../ui/", $path)) }),*]
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the interface, by its path under `ui/`.
static ASSETS: &[Asset] = assets! {
    "index.html" => "text/html; charset=utf-8",
    "app.css" => "text/css; charset=utf-8",
    "tools.css" => "text/css; charset=utf-8",
    "favicon.svg" => "image/svg+xml",
    "js/app.js" => JS,
    "js/api.js" => JS,
    "js/dom.js" => JS,
    "js/i18n.js" => JS,
    "js/search.js" => JS,
    "js/article.js" => JS,
    "js/analyze.js" => JS,
    "js/story.js" => JS,
    "js/chart.js" => JS,
    "js/map.js" => JS,
    "js/timex.js" => JS,
    "js/events.js" => JS,
    "js/sources.js" => JS,
    "js/period.js" => JS,
    "js/suggest.js" => JS,
    "js/help.js" => JS,
    "js/tools.js" => JS,
    "js/browse.js" => JS,
    "js/saved.js" => JS,
    "js/relations.js" => JS,
    "basemap/countries-110m.json" => "application/json",
    "basemap/LICENSE" => "text/plain; charset=utf-8",
    "basemap/README.md" => "text/plain; charset=utf-8",
};

/// The interface's routes: `/` and `/ui/…`.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(|| async { asset("index.html") }))
        .route("/favicon.ico", get(|| async { asset("favicon.svg") }))
        .route(
            "/ui/{*path}",
            get(|Path(path): Path<String>| async move { asset(&path) }),
        )
}

fn asset(path: &str) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.path == path) else {
        return Error::NotFound(format!("no such file in the interface: /ui/{path}")).into_response();
    };
    let cache = if path.ends_with(".html") {
        "no-cache"
    } else {
        "public, max-age=300"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        asset.bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_loads_only_embedded_files() {
        let html = std::str::from_utf8(ASSETS[0].bytes).unwrap();
        assert!(html.contains("dir=\"rtl\"") && html.contains("lang=\"ar\""));
        assert!(!html.contains("<script>"), "no inline script: the CSP forbids it");
        for reference in html.split(['"', '\'']).filter(|s| s.starts_with("/ui/")) {
            let path = reference.trim_start_matches("/ui/");
            assert!(ASSETS.iter().any(|a| a.path == path), "{reference} is not embedded");
        }
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "nothing from elsewhere"
        );
    }

    #[test]
    fn scripts_import_only_embedded_modules() {
        for asset in ASSETS.iter().filter(|a| a.path.ends_with(".js")) {
            let text = std::str::from_utf8(asset.bytes).unwrap();
            assert!(
                !text.contains("innerHTML"),
                "{}: build DOM nodes, never innerHTML",
                asset.path
            );
            let text_without_namespace = text.replace("http://www.w3.org/2000/svg", "");
            assert!(
                !text_without_namespace.contains("http://") && !text_without_namespace.contains("https://"),
                "{}: nothing from elsewhere",
                asset.path
            );
            for line in text.lines().filter(|l| l.starts_with("import ")) {
                let module = line.rsplit(['"', '\'']).nth(1).unwrap();
                let path = format!("js/{}", module.trim_start_matches("./"));
                assert!(
                    ASSETS.iter().any(|a| a.path == path),
                    "{}: {module} is not embedded",
                    asset.path
                );
            }
        }
    }
}
