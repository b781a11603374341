//! Behind a TLS-inspecting proxy (issue 26, item 1), in the window: the app's policy names
//! `workstation demo-org --tls` at `https://127.0.0.1:PORT`, whose certificate comes from a
//! throw-away authority. Where this computer does not trust that authority, the card and the
//! search box say a proxy or firewall is in the way (ask IT), never "could not be reached";
//! where it does (`SSL_CERT_FILE` naming it: the OS verifier reads it on Linux), Connect
//! connects and search finds records.

use crate::common::{spawn_tls_demo_org, write_policy, DemoOrgProcess};
use crate::ui_harness::{journey_with_env, journey_with_session};
use std::path::PathBuf;

const WORDS: &str = "A proxy or firewall is intercepting the connection to Salesforce (certificate not trusted";

/// The policy's text for the demo org: its https loopback address as the Salesforce domain.
fn policy_for(org: &DemoOrgProcess) -> String {
    std::fs::read_to_string(write_policy(&org.url)).expect("policy")
}

fn ca_of(org: &DemoOrgProcess) -> PathBuf {
    org.ca.clone().expect("a TLS demo org")
}

#[test]
fn an_untrusted_certificate_says_a_proxy_is_in_the_way_on_the_card() {
    let org = spawn_tls_demo_org(&[]);
    let ca = ca_of(&org);
    journey_with_env("tls-untrusted-card", &policy_for(&org), &[], |ui| async move {
        ui.sign_in_through_the_card(Some(&ca)).await?;
        // The app's own token request meets the certificate: the attempt ends with the words.
        ui.wait_js(
            "the card to say a proxy is intercepting the connection",
            &format!(
                "const c = document.getElementById('salesforce-card'); \
                 return c.dataset.state === 'not_connected' && c.textContent.includes({WORDS:?});"
            ),
        )
        .await?;
        let text = ui
            .js("return document.getElementById('salesforce-card').textContent")
            .await?;
        let text = text.as_str().unwrap_or_default();
        assert!(!text.contains("could not be reached"), "{text}");
        assert!(text.contains("*.salesforce.com and *.force.com"), "{text}");
        ui.screenshot("card-certificate-not-trusted").await
    });
}

#[test]
fn an_untrusted_certificate_says_a_proxy_is_in_the_way_in_the_search_box() {
    let org = spawn_tls_demo_org(&["--token", "ui-token"]);
    journey_with_session(
        "tls-untrusted-search",
        &org.url,
        "ui-token",
        |_| {},
        |ui| async move {
            ui.wait_for("#search-input").await?.send_keys("Acme").await?;
            ui.wait_js(
                "the search box to say a proxy is intercepting the connection",
                &format!("return document.getElementById('search-status').textContent.includes({WORDS:?})"),
            )
            .await?;
            let status = ui
                .js("return document.getElementById('search-status').textContent")
                .await?;
            assert!(
                !status.as_str().unwrap_or_default().contains("could not be reached"),
                "{status}"
            );
            // Not told as a network hiccup: no Retry, as for a session to reconnect.
            assert!(
                ui.js("return !!document.getElementById('search-retry')").await? == false,
                "no Retry offered"
            );
            ui.screenshot("search-certificate-not-trusted").await
        },
    );
}

#[test]
fn a_trusted_authority_connects_and_searches() {
    let org = spawn_tls_demo_org(&[]);
    let ca = ca_of(&org);
    let trusted = ca.clone();
    journey_with_env(
        "tls-trusted",
        &policy_for(&org),
        &[("SSL_CERT_FILE", &trusted)],
        |ui| async move {
            ui.sign_in_through_the_card(Some(&ca)).await?;
            ui.wait_card("connected").await?;
            ui.wait_js(
                "“Connected as Dana Demo” over HTTPS",
                "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
            )
            .await?;
            ui.click("#close-settings").await?;
            ui.wait_for("#search-input").await?.send_keys("Acme").await?;
            ui.wait_js(
                "Salesforce's answer for “Acme” over HTTPS",
                "return /results? for “Acme”/.test(document.getElementById('search-status').textContent) \
                 && !!document.getElementById('result-0')",
            )
            .await?;
            ui.screenshot("search-through-trusted-authority").await
        },
    );
}
