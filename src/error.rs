//! One typed error for everything that can go wrong while loading content.
//!
//! A 404 is not a network failure, and the reader is told the difference.

use serde::{Deserialize, Serialize};

/// Why a content file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The server answered 404 (or the slug is unknown).
    #[error("{url} was not found (404)")]
    NotFound { url: String },
    /// Any other HTTP error status.
    #[error("the server answered {status} for {url}")]
    Http { url: String, status: u16 },
    /// The request never got an answer: offline, DNS, CORS, connection reset.
    #[error("could not reach the server for {url}: {message}")]
    Network { url: String, message: String },
    /// No answer within the time limit.
    #[error("{url} did not answer in time")]
    Timeout { url: String },
    /// The answer arrived but is not the JSON the contract describes.
    #[error("{url} is damaged: {message} (at {path})")]
    Decode {
        url: String,
        path: String,
        message: String,
    },
    /// The site asks for something this build cannot do.
    #[error("{0}")]
    Unsupported(String),
}

impl AppError {
    /// A short headline for the reader.
    pub fn headline(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "This content could not be found",
            AppError::Http { status, .. } if *status >= 500 => "The news server has a problem",
            AppError::Http { .. } => "The news server refused the request",
            AppError::Network { .. } => "You seem to be offline",
            AppError::Timeout { .. } => "The news server is taking too long",
            AppError::Decode { .. } => "Some content is damaged",
            AppError::Unsupported(_) => "This site is not set up correctly",
        }
    }

    /// The file or address that failed, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            AppError::NotFound { url }
            | AppError::Http { url, .. }
            | AppError::Network { url, .. }
            | AppError::Timeout { url }
            | AppError::Decode { url, .. } => Some(url),
            AppError::Unsupported(_) => None,
        }
    }

    /// Whether trying again could help (a missing file stays missing).
    pub fn is_retryable(&self) -> bool {
        !matches!(self, AppError::NotFound { .. } | AppError::Unsupported(_))
    }
}
