//! `GET` a URL as text: `fetch` with a timeout in the browser, files on disk natively.

use crate::error::AppError;

/// How long a content request may take before the reader is told it timed out.
#[cfg(target_arch = "wasm32")]
pub const TIMEOUT_MS: i32 = 10_000;

#[cfg(target_arch = "wasm32")]
pub async fn fetch_text(url: &str) -> Result<String, AppError> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortController, RequestInit, Response};

    let network = |e: wasm_bindgen::JsValue| AppError::Network {
        url: url.to_string(),
        message: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the request failed".into()),
    };
    let window = web_sys::window().ok_or_else(|| AppError::Unsupported("no window".into()))?;
    let controller = AbortController::new().map_err(network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok();
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let result = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(network)?
            .unchecked_into();
        match response.status() {
            200..=299 => {}
            404 | 410 => return Err(AppError::NotFound { url: url.into() }),
            status => {
                return Err(AppError::Http {
                    url: url.into(),
                    status,
                })
            }
        }
        let text = JsFuture::from(response.text().map_err(network)?)
            .await
            .map_err(network)?;
        Ok(text.as_string().unwrap_or_default())
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    match result {
        Err(AppError::Network { .. }) if timed_out.get() => {
            Err(AppError::Timeout { url: url.into() })
        }
        other => other,
    }
}

#[cfg(not(target_arch = "wasm32"))]
static NATIVE_ROOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Natively, root-relative URLs are read from files under this directory (`public/`).
#[cfg(not(target_arch = "wasm32"))]
pub fn set_native_root(dir: impl Into<std::path::PathBuf>) {
    let _ = NATIVE_ROOT.set(dir.into());
}

/// Browser builds read over HTTP; there is no directory to set.
#[cfg(target_arch = "wasm32")]
pub fn set_native_root(_: impl Into<std::path::PathBuf>) {}

#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch_text(url: &str) -> Result<String, AppError> {
    let url_path = url.split(['?', '#']).next().unwrap_or("");
    // `file:///abs/path` reads any file; other URLs are relative to the content directory.
    let file = if let Some(abs) = url_path.strip_prefix("file://") {
        std::path::PathBuf::from(abs)
    } else {
        let Some(root) = NATIVE_ROOT.get() else {
            return Err(AppError::Unsupported(format!(
                "no content directory set to read {url} from"
            )));
        };
        let path = url_path.trim_start_matches('/');
        if path.split('/').any(|seg| seg == "..") {
            return Err(AppError::NotFound { url: url.into() });
        }
        root.join(path)
    };
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(AppError::NotFound { url: url.into() })
        }
        Err(e) => Err(AppError::Network {
            url: url.into(),
            message: e.to_string(),
        }),
    }
}
