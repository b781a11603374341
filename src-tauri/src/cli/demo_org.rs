//! `workstation demo-org`: the Salesforce stand-in alone, for scripts, tests and trying the
//! app. Its first line on stdout (English, flushed at once) says where it listens, since with
//! port 0 nobody else knows; it serves until Ctrl+C. `--user restricted` makes the restricted
//! user the one who signs in by default. With `--tls --ca-out FILE` the test authority's
//! certificate is in FILE before that first line is printed, so whoever reads the line can
//! trust it at once.

use crate::demo_org::{DemoOrg, DemoOrgConfig};
use std::io::Write;
use std::path::Path;

pub(super) async fn run_demo_org(config: DemoOrgConfig, ca_out: Option<&Path>) -> i32 {
    let org = match DemoOrg::start(config).await {
        Ok(org) => org,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    if let (Some(path), Some(pem)) = (ca_out, org.certificate_authority_pem()) {
        if let Err(e) = std::fs::write(path, pem) {
            eprintln!(
                "error: the test authority's certificate could not be written to {}: {e}",
                path.display()
            );
            return 1;
        }
    }
    println!("demo org listening on {}", org.base_url());
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    org.shutdown().await;
    0
}
