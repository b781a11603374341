//! `--tls`: the demo org over HTTPS, with a certificate from a throw-away certificate authority
//! made at start (a new one each run, its private key never leaving memory). Nothing trusts that
//! authority until someone is told to (its PEM, [`TestAuthority::ca_pem`], written by
//! `workstation demo-org --tls --ca-out FILE`), so the same server shows both what a
//! TLS-inspecting proxy does to a client that does not trust its authority, and a client that
//! does.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// The names the server's certificate is for: every way a test or a person reaches loopback.
const SERVER_NAMES: [&str; 3] = ["127.0.0.1", "localhost", "::1"];

/// A client that connects and says nothing does not hold up the others for longer than this.
const HANDSHAKE_LIMIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
#[error("the demo org could not make its test certificate authority: {0}")]
pub struct TlsError(String);

/// The throw-away authority and the server configuration its certificate is served with.
pub(crate) struct TestAuthority {
    ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

impl TestAuthority {
    /// A new authority and a certificate it signed for [`SERVER_NAMES`].
    pub(crate) fn generate() -> Result<TestAuthority, TlsError> {
        let failed = |e: rcgen::Error| TlsError(e.to_string());
        let ca_key = KeyPair::generate().map_err(failed)?;
        let mut ca = CertificateParams::default();
        ca.distinguished_name
            .push(DnType::CommonName, "Workstation demo org test authority (throw-away)");
        ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).map_err(failed)?;
        let issuer = Issuer::new(ca, ca_key);

        let key = KeyPair::generate().map_err(failed)?;
        let mut leaf = CertificateParams::new(SERVER_NAMES.map(String::from).to_vec()).map_err(failed)?;
        leaf.distinguished_name.push(DnType::CommonName, "Workstation demo org");
        leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        leaf.use_authority_key_identifier_extension = true;
        let cert = leaf.signed_by(&key, &issuer).map_err(failed)?;

        let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone()];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let server = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .and_then(|b| b.with_no_client_auth().with_single_cert(chain, key))
            .map_err(|e| TlsError(e.to_string()))?;
        Ok(TestAuthority {
            ca_pem: ca_cert.pem(),
            server: Arc::new(server),
        })
    }

    /// The authority's certificate (PEM): what a client must trust to reach the demo org.
    pub(crate) fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// A listener for axum that hands over connections once their TLS handshake is done.
    pub(crate) fn listener(&self, tcp: TcpListener) -> std::io::Result<TlsListener> {
        TlsListener::new(tcp, TlsAcceptor::from(self.server.clone()))
    }
}

/// Accepts TCP connections and runs each handshake in a task of its own, so that a slow or
/// silent client never holds up the next; a failed handshake (a client that does not trust the
/// authority) ends that connection only.
pub(crate) struct TlsListener {
    handshaken: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl TlsListener {
    fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> std::io::Result<TlsListener> {
        let local = tcp.local_addr()?;
        let (tx, handshaken) = tokio::sync::mpsc::channel(64);
        let accepting = tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!("demo org: accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_LIMIT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = tx.send((tls, peer)).await;
                        }
                        Ok(Err(e)) => tracing::info!("demo org: TLS handshake with {peer} failed: {e}"),
                        Err(_) => tracing::info!("demo org: no TLS handshake from {peer} within {HANDSHAKE_LIMIT:?}"),
                    }
                });
            }
        });
        Ok(TlsListener {
            handshaken,
            local,
            accepting,
        })
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.handshaken.recv().await {
            Some(connection) => connection,
            // The accepting task is gone (only when this listener is dropped): nothing more.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.local)
    }
}
