//! The loopback redirect listener (`http://localhost:PORT/salesforce/connected`): bound
//! to loopback only, started while a connection is pending, closed right after.

use super::callback::CALLBACK_PATH;
use axum::extract::RawQuery;
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::sync::{mpsc, oneshot};

pub struct LoopbackListener {
    pub callbacks: mpsc::Receiver<String>,
    stop: Option<oneshot::Sender<()>>,
    pub port: u16,
}

impl LoopbackListener {
    /// Binds 127.0.0.1:port. Each request to the callback path is forwarded as a full URL.
    pub async fn start(port: u16) -> std::io::Result<LoopbackListener> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        let port = listener.local_addr()?.port();
        let (tx, rx) = mpsc::channel::<String>(4);
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let app = Router::new().route(
            CALLBACK_PATH,
            get(move |RawQuery(query): RawQuery| {
                let tx = tx.clone();
                async move {
                    let url = format!("http://localhost:{port}{CALLBACK_PATH}?{}", query.unwrap_or_default());
                    let _ = tx.send(url).await;
                    Html(DONE_PAGE)
                }
            }),
        );
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await;
        });
        Ok(LoopbackListener {
            callbacks: rx,
            stop: Some(stop_tx),
            port,
        })
    }
}

impl Drop for LoopbackListener {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>Workstation</title>\
<body style=\"font-family:sans-serif;margin:4em\"><h1>Back to Workstation</h1>\
<p>Salesforce has answered. You can close this tab and return to Workstation.</p></body>";
