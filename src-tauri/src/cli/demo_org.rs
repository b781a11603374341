//! `workstation demo-org`: the Salesforce stand-in alone, for scripts, tests and trying the
//! app. Its first line on stdout (English, flushed at once) says where it listens, since with
//! port 0 nobody else knows; it serves until Ctrl+C. `--user restricted` makes the restricted
//! user the one who signs in by default.

use crate::demo_org::{DemoOrg, DemoOrgConfig};
use std::io::Write;

pub(super) async fn run_demo_org(config: DemoOrgConfig) -> i32 {
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
