//! Handing a web address to the browser without putting it on a command line. Opening a URL
//! starts the browser (or `xdg-open`) with that URL as an argument, readable by every local
//! user on Linux (`/proc/<pid>/cmdline`): for "See all results" that is the search text, for a
//! record its ID. Instead the browser is given `http://127.0.0.1:PORT/go/<one-time token>`, a
//! listener of ours that answers once with a redirect to the real address and closes.
//!
//! The listener answers only programs of the person's own account where that can be checked
//! (`auth::peer`), and only the token it was made with; anything else gets 404 and is counted.
//! Whoever reads the local address sees a port and a random token, nothing of the target.

use crate::auth::peer::Peer;
use crate::secret::Secret;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oauth2::CsrfToken;
use std::future::Future;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;
use tokio::sync::Notify;

/// The local address's path, before its token.
pub const GO_PATH: &str = "/go/";

/// How long a local address waits for the browser: a browser that was not running may take
/// several seconds to start; after this the address stops working.
pub const HANDOFF_LIFETIME: Duration = Duration::from_secs(120);

/// How a handoff ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandoffEnd {
    /// The browser was sent on to the address.
    pub followed: bool,
    /// Requests refused meanwhile: another account's, or another token.
    pub refused: u32,
}

struct Shared {
    token: Secret,
    target: Secret,
    used: AtomicBool,
    refused: AtomicU32,
    done: Notify,
}

/// A one-shot local redirect to `target`: the address to open in the browser, and the server
/// to run (on any tokio runtime) until the browser came, or `lifetime` passed. Binding is
/// synchronous and immediate, so a window's command can open the browser at once.
pub fn local_redirect(
    target: &str,
    lifetime: Duration,
) -> std::io::Result<(String, impl Future<Output = HandoffEnd> + Send + 'static)> {
    // 127.0.0.1 by number: no name to resolve, so no other address (::1) to take over.
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let shared = Arc::new(Shared {
        token: Secret::new(CsrfToken::new_random_len(32).secret().clone()),
        target: Secret::new(target),
        used: AtomicBool::new(false),
        refused: AtomicU32::new(0),
        done: Notify::new(),
    });
    let address = format!("http://127.0.0.1:{port}{GO_PATH}{}", shared.token.expose());
    let serve = async move {
        let app = Router::new()
            .route(&format!("{GO_PATH}{{token}}"), get(go))
            .fallback(|| async { StatusCode::NOT_FOUND })
            .with_state(shared.clone())
            .into_make_service_with_connect_info::<Peer>();
        if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
            let stop = shared.clone();
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    tokio::select! {
                        _ = stop.done.notified() => {}
                        _ = tokio::time::sleep(lifetime) => {}
                    }
                })
                .await;
        }
        HandoffEnd {
            followed: shared.used.load(Ordering::SeqCst),
            refused: shared.refused.load(Ordering::SeqCst),
        }
    };
    Ok((address, serve))
}

async fn go(
    State(s): State<Arc<Shared>>,
    ConnectInfo(Peer(peer)): ConnectInfo<Peer>,
    Path(token): Path<String>,
) -> Response {
    let ours = peer.may_call_back() && bool::from(token.as_bytes().ct_eq(s.token.expose().as_bytes()));
    if !ours || s.used.swap(true, Ordering::SeqCst) {
        s.refused.fetch_add(1, Ordering::SeqCst);
        return StatusCode::NOT_FOUND.into_response();
    }
    // notify_one keeps the permit if the shutdown future is not waiting yet.
    s.done.notify_one();
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, s.target.expose().to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::REFERRER_POLICY, "no-referrer".to_string()),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGET: &str = "https://acme.lightning.force.com/one/one.app#eyJ0ZXJtIjoiRGFuYSBTZWNyZXQifQ==";

    fn browser() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    #[tokio::test]
    async fn the_local_address_names_nothing_of_the_target_and_redirects_once() {
        let (address, serve) = local_redirect(TARGET, Duration::from_secs(30)).expect("bound");
        assert!(
            address.starts_with("http://127.0.0.1:") && address.contains(GO_PATH),
            "{address}"
        );
        assert!(!address.contains("acme") && !address.contains("eyJ0"), "{address}");
        let served = tokio::spawn(serve);
        let wrong = format!("{}guess", address.trim_end_matches(|c| c != '/'));
        assert_eq!(browser().get(&wrong).send().await.expect("answers").status(), 404);
        let answer = browser().get(&address).send().await.expect("answers");
        assert_eq!(answer.status(), 302);
        assert_eq!(answer.headers()["location"], TARGET);
        assert_eq!(answer.headers()["cache-control"], "no-store");
        let end = tokio::time::timeout(Duration::from_secs(5), served)
            .await
            .expect("closed once followed")
            .expect("task");
        assert_eq!(
            end,
            HandoffEnd {
                followed: true,
                refused: 1
            }
        );
        assert!(
            browser().get(&address).send().await.is_err(),
            "nothing listens any more"
        );
    }

    #[tokio::test]
    async fn an_address_never_opened_stops_working_after_its_lifetime() {
        let (address, serve) = local_redirect(TARGET, Duration::from_millis(200)).expect("bound");
        let end = tokio::time::timeout(Duration::from_secs(5), serve)
            .await
            .expect("gives up by itself");
        assert_eq!(
            end,
            HandoffEnd {
                followed: false,
                refused: 0
            }
        );
        assert!(
            browser().get(&address).send().await.is_err(),
            "nothing listens any more"
        );
    }
}
