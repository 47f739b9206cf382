//! One typed error for everything that can go wrong while loading content.
//!
//! A 404 is not a network failure, and the reader is told the difference.

use serde::{Deserialize, Serialize};

/// Why a content file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(into = "Wire", from = "Wire")]
pub enum AppError {
    /// The server answered 404 (or the slug is unknown).
    #[error("{url} was not found (404)")]
    NotFound { url: String },
    /// Any other HTTP error status.
    #[error("the server answered {status} for {url}")]
    Http { url: String, status: u16 },
    /// The browser says it has no connection.
    #[error("no connection while loading {url}")]
    Offline { url: String },
    /// The request never got an answer: DNS, CORS, connection reset.
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

/// How an error is serialized (leptos resources hold serializable values): one flat record
/// instead of an enum of struct variants, whose derived (de)serializers cost ≈ 3× the WASM.
#[derive(Serialize, Deserialize)]
struct Wire {
    kind: u8,
    #[serde(default)]
    url: String,
    #[serde(default)]
    status: u16,
    #[serde(default)]
    path: String,
    #[serde(default)]
    message: String,
}

impl From<AppError> for Wire {
    fn from(e: AppError) -> Wire {
        let wire = |kind, url| Wire {
            kind,
            url,
            status: 0,
            path: String::new(),
            message: String::new(),
        };
        match e {
            AppError::NotFound { url } => wire(0, url),
            AppError::Http { url, status } => Wire {
                status,
                ..wire(1, url)
            },
            AppError::Offline { url } => wire(2, url),
            AppError::Network { url, message } => Wire {
                message,
                ..wire(3, url)
            },
            AppError::Timeout { url } => wire(4, url),
            AppError::Decode { url, path, message } => Wire {
                path,
                message,
                ..wire(5, url)
            },
            AppError::Unsupported(message) => Wire {
                message,
                ..wire(6, String::new())
            },
        }
    }
}

impl From<Wire> for AppError {
    fn from(w: Wire) -> AppError {
        let Wire {
            kind,
            url,
            status,
            path,
            message,
        } = w;
        match kind {
            0 => AppError::NotFound { url },
            1 => AppError::Http { url, status },
            2 => AppError::Offline { url },
            3 => AppError::Network { url, message },
            4 => AppError::Timeout { url },
            5 => AppError::Decode { url, path, message },
            _ => AppError::Unsupported(message),
        }
    }
}

impl AppError {
    /// The word key ([`crate::words`]) of a short headline for the reader.
    pub fn headline(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "error.not_found",
            AppError::Http { status, .. } if *status >= 500 => "error.server",
            AppError::Http { .. } => "error.refused",
            AppError::Offline { .. } => "error.offline",
            AppError::Network { .. } => "error.unreachable",
            AppError::Timeout { .. } => "error.timeout",
            AppError::Decode { .. } => "error.damaged",
            AppError::Unsupported(_) => "error.setup",
        }
    }

    /// The file or address that failed, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            AppError::NotFound { url }
            | AppError::Http { url, .. }
            | AppError::Network { url, .. }
            | AppError::Offline { url }
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

/// How many times a failed request is tried again, at most.
pub const MAX_RETRIES: u32 = 2;

/// Whether to try a failed request again, and after how many milliseconds: network errors
/// and 5xx get up to [`MAX_RETRIES`] retries with growing back-off; a 4xx, a timeout (the
/// reader already waited), damaged data and being offline are answered at once.
pub fn retry_delay(error: &AppError, retries_so_far: u32) -> Option<u32> {
    let transient = match error {
        AppError::Network { .. } => true,
        AppError::Http { status, .. } => *status >= 500,
        _ => false,
    };
    (transient && retries_so_far < MAX_RETRIES).then(|| 400 * 3u32.pow(retries_so_far))
}
