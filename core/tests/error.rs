//! The reader-facing side of errors, and the retry policy.

use meridian_core::error::{retry_delay, AppError, MAX_RETRIES};

fn url() -> String {
    "/api/articles/x.json".into()
}

/// One of each failure a load can have, each naming the file `url()`.
fn failures() -> [AppError; 7] {
    [
        AppError::NotFound { url: url() },
        AppError::Http {
            url: url(),
            status: 503,
        },
        AppError::Http {
            url: url(),
            status: 403,
        },
        AppError::Offline { url: url() },
        AppError::Network {
            url: url(),
            message: "reset".into(),
        },
        AppError::Timeout { url: url() },
        AppError::Decode {
            url: url(),
            path: "body[2].text".into(),
            message: "invalid type".into(),
        },
    ]
}

#[test]
fn each_failure_has_its_own_headline_and_names_the_file() {
    let errors = failures();
    let headlines: std::collections::HashSet<&str> =
        errors.iter().map(AppError::headline).collect();
    assert_eq!(
        headlines.len(),
        errors.len(),
        "headlines must differ: {headlines:?}"
    );
    for e in &errors {
        assert!(e.to_string().contains("/api/articles/x.json"), "{e}");
        assert_eq!(e.url(), Some("/api/articles/x.json"));
    }
    assert!(errors[6].to_string().contains("body[2].text"));
    assert!(errors[1].to_string().contains("503"));
    assert!(!errors[0].is_retryable() && errors[5].is_retryable());
}

#[test]
fn network_errors_and_5xx_are_retried_twice_with_growing_backoff() {
    let net = AppError::Network {
        url: url(),
        message: "reset".into(),
    };
    let five = AppError::Http {
        url: url(),
        status: 502,
    };
    for e in [&net, &five] {
        let delays: Vec<Option<u32>> = (0..=MAX_RETRIES).map(|n| retry_delay(e, n)).collect();
        assert_eq!(delays, [Some(400), Some(1200), None]);
    }
}

#[test]
fn client_errors_timeouts_offline_and_bad_data_are_not_retried() {
    for e in [
        AppError::NotFound { url: url() },
        AppError::Http {
            url: url(),
            status: 429,
        },
        AppError::Http {
            url: url(),
            status: 400,
        },
        AppError::Timeout { url: url() },
        AppError::Offline { url: url() },
        AppError::Decode {
            url: url(),
            path: "$".into(),
            message: "eof".into(),
        },
    ] {
        assert_eq!(retry_delay(&e, 0), None, "{e:?}");
    }
}

#[test]
fn every_error_survives_the_trip_through_a_prerendered_page() {
    // Resources hold their values serialized where they cross from a server render: a failed
    // load must read back as the same error.
    let errors = failures()
        .into_iter()
        .chain([AppError::Unsupported("no window".into())]);
    for e in errors {
        let json = serde_json::to_string(&Err::<(), _>(e.clone())).unwrap();
        let back: Result<(), AppError> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Err(e), "{json}");
    }
}
