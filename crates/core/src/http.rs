//! The one HTTP client every request to Salesforce goes through (OAuth and REST alike), and
//! how its failures are told to a person.

use std::sync::{Arc, OnceLock};
use thiserror::Error;

/// Idle connections kept per host. The app talks to one or two hosts, one search at a
/// time; after a burst (many list views at once, or many requests meeting an expired
/// session) the rest are closed instead of lingering for the pool's 90 s.
pub const MAX_IDLE_CONNECTIONS_PER_HOST: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("The HTTPS client could not be set up ({0}).")]
pub struct ClientError(pub String);

/// The HTTP client for OAuth and REST: rustls, no redirects (a token request that followed
/// one could hand a code to another host), bounded waits, few idle sockets. A client that
/// cannot be built so is an error, never a default one that follows redirects and waits
/// forever.
pub fn client() -> Result<reqwest::Client, ClientError> {
    reqwest::Client::builder()
        .use_preconfigured_tls(tls()?)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(crate::timeouts::CONNECT)
        // OAuth's wait; every REST request sets its own (`timeouts`).
        .timeout(crate::timeouts::OAUTH)
        .pool_max_idle_per_host(MAX_IDLE_CONNECTIONS_PER_HOST)
        .user_agent(concat!("Workstation/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ClientError(e.to_string()))
}

/// rustls whose certificates are checked by the operating system's verifier and trust store
/// (rustls-platform-verifier: the Keychain on macOS, CryptoAPI on Windows; on Linux the
/// system's bundle, or the files `SSL_CERT_FILE` / `SSL_CERT_DIR` name, read through
/// rustls-native-certs — https://docs.rs/rustls-native-certs/0.8/rustls_native_certs/fn.load_native_certs.html).
/// That store is where a company installs the authority of its TLS-inspecting proxy, which no
/// bundled list of roots can know.
fn tls() -> Result<rustls::ClientConfig, ClientError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| ClientError(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(OsVerifier {
            provider,
            verifier: OnceLock::new(),
        }))
        .with_no_client_auth())
}

/// The operating system's verifier, made at the first TLS handshake rather than with the
/// client: on Linux it reads every root of the system store (~4 ms of CPU, BENCHMARKS.md),
/// which a run that never goes over HTTPS — a search answered from the minute's answers,
/// `status`, `identity` — need not pay. A store it cannot read fails that handshake, with its
/// reason.
#[derive(Debug)]
struct OsVerifier {
    provider: Arc<rustls::crypto::CryptoProvider>,
    verifier: OnceLock<Result<rustls_platform_verifier::Verifier, rustls::Error>>,
}

impl OsVerifier {
    fn verifier(&self) -> Result<&rustls_platform_verifier::Verifier, rustls::Error> {
        self.verifier
            .get_or_init(|| rustls_platform_verifier::Verifier::new(self.provider.clone()))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl rustls::client::danger::ServerCertVerifier for OsVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        self.verifier()?
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        match self.verifier() {
            Ok(verifier) => verifier.supported_verify_schemes(),
            // The handshake fails at the certificate with the store's reason.
            Err(_) => self.provider.signature_verification_algorithms.supported_schemes(),
        }
    }
}

/// Why a request got no answer from the server it was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkFailure {
    Timeout,
    /// The server's certificate is not one this computer trusts for that host: for a
    /// Salesforce host, something in between (a TLS-inspecting proxy or firewall) answered
    /// with its own. The host (and port), never the path.
    CertificateNotTrusted(String),
    /// Anything else; [`network_failure`]'s description.
    Unreachable(String),
}

/// What a person reads for [`NetworkFailure::CertificateNotTrusted`] (English; the shell has the
/// French), whichever request met it.
pub fn certificate_not_trusted_words(host: &str) -> String {
    format!(
        "A proxy or firewall is intercepting the connection to Salesforce (certificate not trusted for {host}) — ask IT to add its certificate authority to this computer's trust store, or to let *.salesforce.com and *.force.com through."
    )
}

/// What a failed request means, from reqwest's error and the errors under it.
pub fn classify(e: reqwest::Error) -> NetworkFailure {
    if e.is_timeout() {
        NetworkFailure::Timeout
    } else if certificate_not_trusted(&e) {
        NetworkFailure::CertificateNotTrusted(host_of(&e).unwrap_or_else(|| "Salesforce".to_string()))
    } else {
        NetworkFailure::Unreachable(network_failure(e))
    }
}

/// Whether rustls refused the server's certificate as not trusted: it chains to no trusted
/// authority (`UnknownIssuer`, what an inspecting proxy's own authority gives wherever it is not
/// installed), it is for another name, or the OS's verifier refused it for a reason rustls has
/// no name for (`Other`: macOS's trust evaluation results other than a few, see
/// rustls-platform-verifier's `verification/apple.rs`). An expired or not yet valid certificate
/// (often this computer's clock) or a revoked one is not this: it stays a network failure with
/// rustls's own words.
fn certificate_not_trusted(e: &reqwest::Error) -> bool {
    use rustls::CertificateError as C;
    tls_error(e).is_some_and(|tls| {
        matches!(
            tls,
            rustls::Error::InvalidCertificate(
                C::UnknownIssuer | C::NotValidForName | C::NotValidForNameContext { .. } | C::Other(_)
            )
        )
    })
}

/// The rustls error somewhere under `e`. tokio-rustls hands it up inside an `io::Error`, whose
/// `source()` skips what it wraps, so wrapped errors are looked into too.
fn tls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(tls) = c.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(inner) = c.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            if let Some(tls) = tls_error(inner) {
                return Some(tls);
            }
        }
        cause = c.source();
    }
    None
}

/// `host` or `host:port` of the request that failed.
fn host_of(e: &reqwest::Error) -> Option<String> {
    e.url().and_then(|u| {
        u.host_str()
            .map(|h| u.port().map_or_else(|| h.to_string(), |p| format!("{h}:{p}")))
    })
}

/// A network failure for a person: the host it was trying and the deepest cause ("Connection
/// refused", "failed to lookup address", a certificate problem) rather than reqwest's "error
/// sending request". Never the path or query, which carry the search text.
pub fn network_failure(e: reqwest::Error) -> String {
    let host = host_of(&e);
    let mut deepest = None;
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        deepest = Some(c.to_string());
        cause = c.source();
    }
    // reqwest's own message names the whole URL: only used when there is nothing deeper.
    let cause = deepest.unwrap_or_else(|| e.without_url().to_string());
    match host {
        Some(host) => format!("{host}: {cause}"),
        None => cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_built_with_the_platform_verifier() {
        // reqwest refuses a preconfigured TLS it does not know (another rustls version) only at
        // build: this is where a version drift would show.
        assert!(client().is_ok(), "{:?}", client().err());
    }

    #[test]
    fn a_rustls_error_is_found_inside_an_io_error() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, tls.clone());
        // io::Error's source() skips what it wraps: the error a connector would pass up.
        #[derive(Debug, Error)]
        #[error("client error (Connect)")]
        struct Connect(#[source] std::io::Error);
        let outer = Connect(io);
        assert_eq!(tls_error(&outer), Some(&tls));
        let unrelated = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(tls_error(&unrelated), None);
    }
}
