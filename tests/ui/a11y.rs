//! Accessibility: axe-core audits of every screen, reached with the keyboard only.

use crate::ui_harness::journey;
use fantoccini::key::Key;
use std::path::{Path, PathBuf};

#[test]
fn accessibility_audit_with_axe() {
    let axe = axe_source();
    journey("a11y", move |ui| async move {
        ui.wait_views_loaded(None).await?;
        let mut problems = Vec::new();
        problems.extend(ui.audit(&axe, "home").await?);

        // Everything below is reached with the keyboard only.
        ui.wait_for("#search-input").await?.send_keys("Acme").await?;
        ui.wait_js(
            "results for “Acme”",
            "return /results? for “Acme”/.test(document.getElementById('search-status').textContent)",
        )
        .await?;
        problems.extend(ui.audit(&axe, "search-results").await?);
        ui.wait_for("#search-input")
            .await?
            .send_keys(&Key::Escape.to_string())
            .await?;

        ui.click("#views-type-button").await?;
        ui.wait_js(
            "the menu's item for the type shown to have the focus",
            "return document.activeElement && document.activeElement.getAttribute('role') === 'menuitemradio' && document.activeElement.getAttribute('aria-checked') === 'true'",
        )
        .await?;
        problems.extend(ui.audit(&axe, "views-menu").await?);
        ui.active_keys(&Key::End.to_string()).await?;
        ui.wait_focus("End to reach Edit", "views-edit").await?;
        ui.active_keys(&Key::Enter.to_string()).await?;
        ui.wait_focus("the type filter focused", "views-type-filter").await?;
        ui.active_keys("Lead").await?;
        ui.click("#views-type-list li[data-object=Lead] button.pencil").await?;
        ui.wait_for("#views-save").await?;
        problems.extend(ui.audit(&axe, "views-editor").await?);
        ui.click("#views-cancel").await?;
        ui.wait_views_loaded(None).await?;

        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.wait_focus("the selected tab focused", "tab-integrations").await?;
        problems.extend(ui.audit(&axe, "settings-integrations").await?);
        ui.active_keys(&Key::Right.to_string()).await?;
        ui.wait_js(
            "→ to select General",
            "return document.activeElement.id === 'tab-general' && !document.getElementById('pane-general').hidden",
        )
        .await?;
        ui.wait_for("#language-select").await?;
        problems.extend(ui.audit(&axe, "settings-general").await?);
        ui.choose("#theme-select", "dark").await?;
        ui.wait_js(
            "the dark theme",
            "return document.documentElement.dataset.theme === 'dark'",
        )
        .await?;
        problems.extend(ui.audit(&axe, "settings-general-dark").await?);
        ui.active_keys(&Key::Escape.to_string()).await?;
        ui.wait_js(
            "Escape to go home",
            "return !document.getElementById('home').hidden && document.activeElement.id === 'search-input'",
        )
        .await?;
        ui.wait_views_loaded(None).await?;
        problems.extend(ui.audit(&axe, "home-dark").await?);
        assert!(
            problems.is_empty(),
            "serious or critical accessibility violations (details in test-artifacts/axe-*.json):\n{}",
            problems.join("\n")
        );
        Ok(())
    });
}

/// axe-core's browser build, installed by scripts/setup.sh (`npm install --prefix .ci axe-core@4`).
pub(crate) fn axe_source() -> String {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}. Run scripts/setup.sh (it installs axe-core with `npm install --prefix .ci axe-core@4`) or set AXE_CORE_JS.", path.display())
    })
}
