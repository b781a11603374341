//! `workstation demo-org`: the Salesforce stand-in alone, for scripts, tests and trying the
//! app. Its first line on stdout (English, flushed at once) says where it listens, since with
//! port 0 nobody else knows; it serves until Ctrl+C. `--user restricted` makes the restricted
//! user the one who signs in by default.

use crate::demo_org::{DemoOrg, DemoOrgConfig, DemoUser};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

pub(super) async fn run_demo_org(
    addr: SocketAddr,
    latency_ms: u64,
    seed: u64,
    token: Option<String>,
    user: DemoUser,
    rotate_refresh_tokens: bool,
) -> i32 {
    let config = DemoOrgConfig {
        addr,
        latency: Duration::from_millis(latency_ms),
        seed,
        preissued_token: token,
        default_user: user,
        rotate_refresh_tokens,
        ..Default::default()
    };
    let org = match DemoOrg::start(config).await {
        Ok(org) => org,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    println!("demo org listening on {}", org.base_url());
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    org.shutdown().await;
    0
}
