//! `GET` a URL as text: `fetch` with a timeout, retries and abort in the browser; files on
//! disk natively (host tests, the publish step).

use crate::error::{retry_delay, AppError};

/// How long a content request may take by default before the reader is told it timed out.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// A successful answer.
#[derive(Debug)]
pub struct Fetched {
    pub text: String,
    /// WordPress's `X-WP-TotalPages` header, when the answer has one.
    pub total_pages: Option<u32>,
}

/// Fetches `url`, retrying network errors and 5xx with back-off (see [`retry_delay`]).
pub async fn fetch_text(url: &str, timeout_ms: u32) -> Result<String, AppError> {
    fetch(url, timeout_ms).await.map(|f| f.text)
}

/// `url` as the server has it now, once, without retries (a live page's poll, which waits
/// and retries by itself): the browser's cache asks the server whether its copy changed
/// (`If-None-Match`, `If-Modified-Since`), and a `304` costs no body.
pub async fn fetch_fresh(url: &str, timeout_ms: u32) -> Result<String, AppError> {
    imp::fetch_once(url, timeout_ms, true).await.map(|f| f.text)
}

/// [`fetch_text`], with the paging headers of the answer.
pub async fn fetch(url: &str, timeout_ms: u32) -> Result<Fetched, AppError> {
    let mut retries = 0;
    loop {
        match imp::fetch_once(url, timeout_ms, false).await {
            Err(e) => match retry_delay(&e, retries) {
                Some(delay) => {
                    imp::sleep(delay).await;
                    retries += 1;
                }
                None => return Err(e),
            },
            ok => return ok,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use imp::set_native_url_root;
pub use imp::{set_native_root, sleep};

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Fetched;
    use crate::error::AppError;
    use send_wrapper::SendWrapper;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortController, RequestInit, Response};

    /// Browser builds read over HTTP; there is no directory to set.
    pub fn set_native_root(_: impl Into<std::path::PathBuf>) {}

    /// Resolves after `ms` milliseconds.
    pub async fn sleep(ms: u32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    &resolve,
                    ms.min(i32::MAX as u32) as i32,
                );
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    fn offline() -> bool {
        web_sys::window().is_some_and(|w| !w.navigator().on_line())
    }

    /// One `fetch` with a timeout. The request is aborted when the reactive owner that
    /// asked for it is cleaned up (the view went away, or its inputs changed).
    pub async fn fetch_once(
        url: &str,
        timeout_ms: u32,
        revalidate: bool,
    ) -> Result<Fetched, AppError> {
        let network = |e: JsValue| {
            if offline() {
                return AppError::Offline { url: url.into() };
            }
            AppError::Network {
                url: url.to_string(),
                message: e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "the request failed".into()),
            }
        };
        let window = web_sys::window().ok_or_else(|| AppError::Unsupported("no window".into()))?;
        let controller = AbortController::new().map_err(network)?;
        let abort_on_cleanup = SendWrapper::new(controller.clone());
        leptos::prelude::on_cleanup(move || abort_on_cleanup.abort());
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::once(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                timeout_ms.min(i32::MAX as u32) as i32,
            )
            .ok();
        let init = RequestInit::new();
        init.set_signal(Some(&controller.signal()));
        if revalidate {
            init.set_cache(web_sys::RequestCache::NoCache);
        }
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
            let total_pages = response
                .headers()
                .get("X-WP-TotalPages")
                .ok()
                .flatten()
                .and_then(|v| v.trim().parse().ok());
            let text = JsFuture::from(response.text().map_err(network)?)
                .await
                .map_err(network)?;
            Ok(Fetched {
                text: text.as_string().unwrap_or_default(),
                total_pages,
            })
        }
        .await;
        if let Some(timer) = timer {
            window.clear_timeout_with_handle(timer);
        }
        drop(on_timeout);
        match result {
            Err(AppError::Network { .. } | AppError::Offline { .. }) if timed_out.get() => {
                Err(AppError::Timeout { url: url.into() })
            }
            other => other,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::Fetched;
    use crate::error::AppError;

    static NATIVE_ROOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    static NATIVE_URL_ROOT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

    /// Natively, root-relative URLs are read from files under this directory (`public/`).
    pub fn set_native_root(dir: impl Into<std::path::PathBuf>) {
        let _ = NATIVE_ROOT.set(dir.into());
    }

    /// The app root the URLs start with (`/news/` for a sub-path build; `/` by default): it
    /// maps to the native root directory, as a host serving `dist/` under it does.
    pub fn set_native_url_root(root: &str) {
        let _ = NATIVE_URL_ROOT.set(root.to_string());
    }

    /// Files answer at once; nothing to wait for.
    pub async fn sleep(_: u32) {}

    pub async fn fetch_once(url: &str, _timeout_ms: u32, _: bool) -> Result<Fetched, AppError> {
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
            let under_root = NATIVE_URL_ROOT
                .get()
                .and_then(|r| url_path.strip_prefix(r.as_str()))
                .unwrap_or(url_path);
            let path = under_root.trim_start_matches('/');
            if path.split('/').any(|seg| seg == "..") {
                return Err(AppError::NotFound { url: url.into() });
            }
            root.join(path)
        };
        match std::fs::read_to_string(file) {
            Ok(text) => Ok(Fetched {
                text,
                total_pages: None,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(AppError::NotFound { url: url.into() })
            }
            Err(e) => Err(AppError::Network {
                url: url.into(),
                message: e.to_string(),
            }),
        }
    }
}
