//! The server's errors, and how each becomes an HTTP answer.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rasid::search::IndexError;
use serde::Serialize;
use utoipa::ToSchema;

/// What can go wrong while starting the server or answering a request.
///
/// Each variant maps to one HTTP status ([`Error::status`]); the answer is an
/// [`ErrorBody`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request is malformed: a bad parameter, query or body.
    #[error("{0}")]
    BadRequest(String),
    /// A write without the right token.
    #[error("this server needs a write token: send Authorization: Bearer TOKEN")]
    Unauthorized,
    /// A write to a read-only server.
    #[error("this server is read-only: writes are turned off")]
    ReadOnly,
    /// A request this server refuses to answer: a write from another site, or a
    /// `Host` that is not one of the server's names (DNS rebinding).
    #[error("{0}")]
    Forbidden(String),
    /// A write whose Content-Type a page on another site could send without asking.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Nothing at this path or with this id.
    #[error("{0}")]
    NotFound(String),
    /// The body is larger than the limit.
    #[error("the body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// Too many requests are in flight.
    #[error("the server is busy ({in_flight} requests in flight): try again shortly")]
    Busy {
        /// The limit that was reached.
        in_flight: usize,
    },
    /// As many analyses as the limit are running.
    #[error("the server is busy ({0} analyses running, the limit): try again shortly")]
    AnalysesBusy(usize),
    /// The request took longer than the limit.
    #[error("the request took longer than {0:?} and was stopped")]
    Timeout(Duration),
    /// The index failed, or refused the query.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The stories store failed, or has no such story.
    #[error(transparent)]
    Stories(#[from] rasid::stories::StoriesError),
    /// The settings do not fit together.
    #[error("{0}")]
    Config(String),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// Accepting connections failed.
    #[error("server: {0}")]
    Io(#[source] std::io::Error),
    /// The client could not reach the server or read its answer (the `client` module, feature `test-client`).
    #[error("HTTP client: {0}")]
    Client(String),
    /// A bug or a worker that died: the message says which.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The server's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The JSON body of every error answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"status": 400, "message": "unclosed quote at character 0: add the closing \""}))]
pub struct ErrorBody {
    /// The HTTP status code, repeated.
    pub status: u16,
    /// What went wrong, for a person.
    pub message: String,
}

impl From<rasid::Error> for Error {
    fn from(err: rasid::Error) -> Self {
        match err {
            rasid::Error::Index(e) => Error::Index(e),
            rasid::Error::Stories(e) => Error::Stories(e),
            other => Error::Internal(other.to_string()),
        }
    }
}

impl Error {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::ReadOnly | Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Busy { .. } | Error::AnalysesBusy(_) | Error::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Index(IndexError::UnknownId(_))
            | Error::Stories(rasid::stories::StoriesError::Index(IndexError::UnknownId(_))) => StatusCode::NOT_FOUND,
            Error::Index(IndexError::Locked { .. }) => StatusCode::CONFLICT,
            Error::Index(e) if e.is_usage() => StatusCode::BAD_REQUEST,
            Error::Stories(
                rasid::stories::StoriesError::UnknownStory(_) | rasid::stories::StoriesError::NoStore(_),
            ) => StatusCode::NOT_FOUND,
            Error::Stories(rasid::stories::StoriesError::Index(e)) if e.is_usage() => StatusCode::BAD_REQUEST,
            Error::Index(_)
            | Error::Stories(_)
            | Error::Config(_)
            | Error::Bind { .. }
            | Error::Io(_)
            | Error::Client(_)
            | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The JSON answer for a status and a message.
pub(crate) fn json_error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        status: status.as_u16(),
        message: message.into(),
    };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        json_error(self.status(), self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(Error::ReadOnly.status(), StatusCode::FORBIDDEN);
        assert_eq!(Error::Unauthorized.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(Error::TooLarge { limit: 1 }.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let unknown = Error::Index(IndexError::UnknownId("00".into()));
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        let query = Error::Index(IndexError::Query(rasid::search::QueryError::Empty));
        assert_eq!(query.status(), StatusCode::BAD_REQUEST);
    }
}
