//! The app's widgets as the journeys read them: the search results' selection, and My CRM
//! Views with its list view editor.

use super::{Ui, R};
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct ViewSection {
    pub id: String,
    pub title: String,
    pub rows: u64,
}

pub fn ids(sections: &[ViewSection]) -> Vec<String> {
    sections.iter().map(|s| s.id.clone()).collect()
}

#[derive(Debug, Clone)]
pub struct EditorView {
    pub id: String,
    pub label: String,
    pub checked: bool,
    pub disabled: bool,
    pub locked: String,
}

#[derive(Debug)]
pub struct EditorState {
    pub views: Vec<EditorView>,
}

impl EditorState {
    pub fn enabled(&self) -> Vec<String> {
        self.views.iter().filter(|v| v.checked).map(|v| v.id.clone()).collect()
    }

    /// A list view to enable next to the current one: one with records in the demo org.
    pub fn pick_second(&self) -> R<String> {
        let free: Vec<&EditorView> = self.views.iter().filter(|v| !v.checked && !v.disabled).collect();
        ["All Open Leads", "Web Leads", "Working Leads"]
            .iter()
            .find_map(|want| free.iter().find(|v| v.label.trim() == *want))
            .or(free.first())
            .map(|v| v.id.clone())
            .ok_or_else(|| format!("no list view can be enabled: {:?}", self.views).into())
    }
}

impl Ui {
    /// The index of the one selected search result, if exactly one is.
    pub async fn selected_result(&self) -> R<Option<u64>> {
        let v = self
            .js("return [...document.querySelectorAll('#search-results li.result')].filter(li => li.getAttribute('aria-selected') === 'true').map(li => li.id)")
            .await?;
        let ids: Vec<&str> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        Ok(match ids.as_slice() {
            [one] => one.strip_prefix("result-").and_then(|n| n.parse().ok()),
            _ => None,
        })
    }

    /// Waits until the widget shows `object` (any type if None) with every enabled list
    /// view's records loaded; returns the type shown.
    pub async fn wait_views_loaded(&self, object: Option<&str>) -> R<String> {
        let want = object.map(|o| format!("'{o}'")).unwrap_or_else(|| "null".into());
        let label = self
            .wait_js(
                &format!("My CRM Views to show {} with records", object.unwrap_or("a type")),
                &format!(
                    r#"const want = {want};
                       const label = document.getElementById('views-type-label').textContent.trim();
                       const content = document.getElementById('views-content');
                       const s = [...content.querySelectorAll('section.view-section')];
                       const ready = label !== '—' && (want === null || label === want) && !content.hidden
                         && s.length > 0 && s.every(x => x.querySelectorAll('tbody tr').length > 0);
                       return ready ? label : null;"#
                ),
            )
            .await?;
        Ok(label.as_str().unwrap_or_default().to_string())
    }

    pub async fn view_sections(&self) -> R<Vec<ViewSection>> {
        let v = self
            .js(
                r#"return [...document.querySelectorAll('#views-content section.view-section')].map(s => ({
                      id: s.dataset.view, title: (s.querySelector('h3') || {}).textContent || '',
                      rows: s.querySelectorAll('tbody tr').length }));"#,
            )
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|s| ViewSection {
                        id: s["id"].as_str().unwrap_or_default().into(),
                        title: s["title"].as_str().unwrap_or_default().into(),
                        rows: s["rows"].as_u64().unwrap_or(0),
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Dropdown → Edit → find “Lead” → pencil: the Lead list views with their toggles.
    pub async fn open_lead_editor(&self) -> R<EditorState> {
        self.click("#views-type-button").await?;
        self.click("#views-edit").await?;
        let filter = self.wait_for("#views-type-filter").await?;
        filter.send_keys("Lead").await?;
        self.wait_js(
            "the type filter to leave only Lead",
            "const li = [...document.querySelectorAll('#views-type-list li')]; return li.length === 1 && li[0].dataset.object === 'Lead';",
        )
        .await?;
        self.click("#views-type-list li[data-object=Lead] button.pencil")
            .await?;
        self.wait_for("#views-list li[data-view]").await?;
        self.wait_for("#views-save").await?;
        self.lead_editor_state().await
    }

    pub async fn lead_editor_state(&self) -> R<EditorState> {
        let v = self
            .js(
                r#"return [...document.querySelectorAll('#views-list li[data-view]')].map(li => {
                      const input = li.querySelector('input[type=checkbox]');
                      const label = li.querySelector('label');
                      const locked = li.querySelector('.locked');
                      return { id: li.dataset.view, checked: input.checked, disabled: input.disabled,
                               locked: locked ? locked.textContent : '',
                               label: label ? label.firstChild.textContent : '' };
                   });"#,
            )
            .await?;
        let views = v
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| EditorView {
                        id: x["id"].as_str().unwrap_or_default().into(),
                        label: x["label"].as_str().unwrap_or_default().into(),
                        checked: x["checked"].as_bool().unwrap_or(false),
                        disabled: x["disabled"].as_bool().unwrap_or(false),
                        locked: x["locked"].as_str().unwrap_or_default().into(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(EditorState { views })
    }

    /// Clicks a list view's toggle in the editor and waits for the redrawn editor.
    pub async fn toggle(&self, id: &str, expect_checked: bool) -> R {
        self.click(&format!("#toggle-{id}")).await?;
        self.wait_js(
            &format!(
                "list view {id} to be {}",
                if expect_checked { "enabled" } else { "disabled" }
            ),
            &format!("const t = document.getElementById('toggle-{id}'); return !!t && t.checked === {expect_checked};"),
        )
        .await?;
        Ok(())
    }
}
