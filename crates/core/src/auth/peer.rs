//! Who is on the other end of a loopback connection: the account that owns the connecting
//! socket. The loopback listener answers only programs of the person's own account, so another
//! local user who read the sign-in's addresses (a browser's command line is readable by every
//! local user on Linux) cannot hand the app a sign-in of theirs, nor cancel one.
//!
//! - **Linux**: the kernel lists every TCP socket of this network namespace with its owner's uid
//!   in `/proc/net/tcp` and `/proc/net/tcp6` (proc(5)). The peer's own socket is the row whose
//!   local address is the peer's and whose remote address is ours; its uid must be our
//!   effective uid.
//! - **Elsewhere** nothing is checked ([`PeerOwner::NotChecked`]). Windows could find the
//!   owning process with `GetExtendedTcpTable` and compare its token's user; macOS has no table
//!   of sockets by owner short of walking every process's descriptors. Neither can run on the
//!   computers this project builds and tests on, and an untested check of who may sign the
//!   person in is worse than a stated gap. What holds there instead is the browser binding (the
//!   one-time start address and its cookie, `auth::binding`): see SECURITY.md.

use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// The owner of the connecting socket, as far as this platform can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerOwner {
    /// A program of the account this process runs as.
    Us,
    /// A program of another account (its uid).
    OtherUser(u32),
    /// No socket matches any more (it closed already) or the table could not be read: not
    /// known to be ours, so refused.
    Unknown,
    /// This platform has no check (see the module's comment).
    NotChecked,
}

impl PeerOwner {
    /// Whether the listener may answer this connection at all.
    pub fn may_call_back(self) -> bool {
        matches!(self, PeerOwner::Us | PeerOwner::NotChecked)
    }
}

/// The owner of a connection to one of our local servers, found once as it is accepted (while
/// the peer's socket certainly exists): axum's `ConnectInfo`.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub PeerOwner);

impl Connected<IncomingStream<'_, TcpListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, TcpListener>) -> Peer {
        match stream.io().local_addr() {
            Ok(ours) => Peer(owner_of_peer(ours, *stream.remote_addr())),
            Err(_) => Peer(PeerOwner::Unknown),
        }
    }
}

/// The owner of `peer`'s socket, connected to our socket at `ours`.
#[cfg(target_os = "linux")]
pub fn owner_of_peer(ours: SocketAddr, peer: SocketAddr) -> PeerOwner {
    // SAFETY: geteuid has no preconditions and cannot fail (getuid(2)).
    let me = unsafe { libc::geteuid() };
    let mut read_any = false;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        // A computer without IPv6 has no tcp6: the other table still answers.
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        read_any = true;
        if let Some(uid) = socket_owner(&text, peer, ours) {
            return if uid == me {
                PeerOwner::Us
            } else {
                PeerOwner::OtherUser(uid)
            };
        }
    }
    if !read_any {
        tracing::warn!("/proc/net/tcp could not be read: loopback connections cannot be checked and are refused");
    }
    PeerOwner::Unknown
}

#[cfg(not(target_os = "linux"))]
pub fn owner_of_peer(_ours: SocketAddr, _peer: SocketAddr) -> PeerOwner {
    PeerOwner::NotChecked
}

/// TIME_WAIT: what is left of a closed socket, whose uid column is always 0 (no owner).
const TIME_WAIT: &str = "06";

/// The uid of the socket listed in `table` (the text of `/proc/net/tcp` or `tcp6`) whose local
/// address is `local` and remote address `remote`.
pub fn socket_owner(table: &str, local: SocketAddr, remote: SocketAddr) -> Option<u32> {
    let (local, remote) = (canonical(local), canonical(remote));
    // The first line names the columns: sl local_address rem_address st tx_queue:rx_queue
    // tr:tm->when retrnsmt uid timeout inode …
    table.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (l, r, state, uid) = (fields.get(1)?, fields.get(2)?, fields.get(3)?, fields.get(7)?);
        if *state == TIME_WAIT || parse_address(l)? != local || parse_address(r)? != remote {
            return None;
        }
        uid.parse().ok()
    })
}

/// `::ffff:127.0.0.1` is `127.0.0.1` (a dual-stack socket lists IPv4 peers so).
fn canonical(a: SocketAddr) -> SocketAddr {
    SocketAddr::new(a.ip().to_canonical(), a.port())
}

/// `0100007F:1F90` or `00000000000000000000000001000000:1F90`: the address as the kernel's
/// 32-bit words printed in this computer's byte order, and the port in hex.
fn parse_address(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for word in ip.as_bytes().chunks(8) {
        let word = u32::from_str_radix(std::str::from_utf8(word).ok()?, 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip = match bytes.len() {
        4 => std::net::IpAddr::from(<[u8; 4]>::try_from(bytes).ok()?),
        16 => std::net::IpAddr::from(<[u8; 16]>::try_from(bytes).ok()?),
        _ => return None,
    };
    Some(canonical(SocketAddr::new(ip, port)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as the kernel prints them on this computer (the samples are little-endian).
    fn word(bytes: [u8; 4]) -> String {
        format!("{:08X}", u32::from_ne_bytes(bytes))
    }

    fn table(rows: &[(&str, &str, &str, u32)]) -> String {
        let mut t = String::from(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n",
        );
        for (i, (l, r, st, uid)) in rows.iter().enumerate() {
            t.push_str(&format!(
                "  {i}: {l} {r} {st} 00000000:00000000 00:00000000 00000000 {uid:>5}        0 {} 1 0000000000000000 20 4 30 10 -1\n",
                1000 + i
            ));
        }
        t
    }

    #[test]
    fn the_row_of_the_peers_own_socket_gives_its_owner() {
        let lo = word([127, 0, 0, 1]);
        let (listener, ours, peer) = (
            format!("{lo}:1F90"),
            "127.0.0.1:8080".parse().expect("addr"),
            "127.0.0.1:50000".parse().expect("addr"),
        );
        let text = table(&[
            (&listener, "00000000:0000", "0A", 0),
            // Our accepted socket (local = ours), then the peer's (local = the peer's).
            (&format!("{lo}:1F90"), &format!("{lo}:C350"), "01", 0),
            (&format!("{lo}:C350"), &format!("{lo}:1F90"), "01", 1001),
        ]);
        assert_eq!(socket_owner(&text, peer, ours), Some(1001));
        assert_eq!(socket_owner(&text, ours, peer), Some(0));
        let elsewhere: SocketAddr = "127.0.0.1:50001".parse().expect("addr");
        assert_eq!(socket_owner(&text, elsewhere, ours), None);
    }

    #[test]
    fn ipv6_rows_and_closed_sockets() {
        let one = format!("{}{}{}{}", word([0; 4]), word([0; 4]), word([0; 4]), word([0, 0, 0, 1]));
        let ours: SocketAddr = "[::1]:8080".parse().expect("addr");
        let peer: SocketAddr = "[::1]:50000".parse().expect("addr");
        let text = table(&[(&format!("{one}:C350"), &format!("{one}:1F90"), "01", 1002)]);
        assert_eq!(socket_owner(&text, peer, ours), Some(1002));
        // What a closed socket leaves (TIME_WAIT, uid 0) names no owner.
        let text = table(&[(&format!("{one}:C350"), &format!("{one}:1F90"), TIME_WAIT, 0)]);
        assert_eq!(socket_owner(&text, peer, ours), None);
        // An IPv4 peer of a dual-stack socket is listed as ::ffff:127.0.0.1.
        let mapped = format!(
            "{}{}{}{}",
            word([0; 4]),
            word([0; 4]),
            word([0, 0, 0xff, 0xff]),
            word([127, 0, 0, 1])
        );
        let text = table(&[(&format!("{mapped}:C350"), &format!("{mapped}:1F90"), "01", 7)]);
        assert_eq!(
            socket_owner(
                &text,
                "127.0.0.1:50000".parse().expect("addr"),
                "127.0.0.1:8080".parse().expect("addr")
            ),
            Some(7)
        );
    }

    #[test]
    fn garbage_names_no_owner() {
        let ours: SocketAddr = "127.0.0.1:8080".parse().expect("addr");
        for text in [
            "",
            "header only",
            "h\n 0: zz:yy 0100007F:1F90 01 0 0 0 0",
            "h\n 0: 0100007F",
        ] {
            assert_eq!(socket_owner(text, ours, ours), None, "{text:?}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_connection_of_our_own_is_ours_on_both_loopback_addresses() {
        for any in ["127.0.0.1:0", "[::1]:0"] {
            let Ok(listener) = std::net::TcpListener::bind(any) else {
                eprintln!("{any}: not on this computer");
                continue;
            };
            let client = std::net::TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
            let (accepted, peer) = listener.accept().expect("accept");
            assert_eq!(peer, client.local_addr().expect("addr"));
            assert_eq!(
                owner_of_peer(accepted.local_addr().expect("addr"), peer),
                PeerOwner::Us,
                "{any}"
            );
            drop(client);
        }
    }
}
