//! My CRM Views as the front ends use them: the object types, the catalogue with the
//! person's choice, the editor, records; notices and refusals said in the person's language.

use super::localize::{self, Localize, Notice};
use super::*;
use crate::views::{
    Editor, Freshness, ListViewRecords, ListViewSort, ObjectViews, OfferedView, ViewsError, ViewsService,
};
use serde::Serialize;

/// One object type's list views with the person's choice (the core's [`ObjectViews`]), and
/// what changed said in their language.
#[derive(Debug, Clone, Serialize)]
pub struct ShownViews {
    pub object: String,
    pub total: usize,
    pub offered: Vec<OfferedView>,
    pub enabled: Vec<String>,
    pub notices: Vec<String>,
}

impl From<ObjectViews> for ShownViews {
    fn from(views: ObjectViews) -> ShownViews {
        let lang = localize::current();
        ShownViews {
            notices: views.notices.iter().map(|n| n.text(lang)).collect(),
            object: views.object,
            total: views.total,
            offered: views.offered,
            enabled: views.enabled,
        }
    }
}

/// The views editor as the window shows it: why a switch is locked and why a toggle was
/// refused, in the person's language.
#[derive(Debug, Clone, Serialize)]
pub struct ShownEditor {
    pub object: String,
    pub total: usize,
    pub draft: Vec<String>,
    pub views: Vec<ShownEditorView>,
    pub refused: Option<String>,
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShownEditorView {
    pub id: String,
    pub label: String,
    pub enabled: bool,
    pub locked: Option<String>,
}

impl From<Editor> for ShownEditor {
    fn from(editor: Editor) -> ShownEditor {
        let lang = localize::current();
        ShownEditor {
            object: editor.object,
            total: editor.total,
            draft: editor.draft,
            views: editor
                .views
                .into_iter()
                .map(|v| ShownEditorView {
                    id: v.id,
                    label: v.label,
                    enabled: v.enabled,
                    locked: v.locked.map(|e| e.localize(lang)),
                })
                .collect(),
            refused: editor.refused.map(|e| e.localize(lang)),
            notices: editor.notices.iter().map(|n| n.text(lang)).collect(),
        }
    }
}

/// The widget's object types as the window shows them at once.
#[derive(Debug, Clone, Serialize)]
pub struct ShownTypes {
    pub types: Vec<String>,
    /// When these types were learnt (seconds since the Unix epoch), set when they are past
    /// their day: the window says so until they are asked again.
    pub as_of: Option<u64>,
    /// Ask again behind what is shown.
    pub refresh: bool,
}

const KEY_SHOWN_VIEW_TYPE: &str = "views/shown_type";

impl Workstation {
    pub(super) async fn views_call<T, F, Fut>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(Arc<ViewsService>) -> Fut,
        Fut: std::future::Future<Output = Result<T, ViewsError>>,
    {
        let live = self.live()?;
        match f(live.views().clone()).await {
            Ok(v) => Ok(v),
            Err(ViewsError::Salesforce(e)) => {
                self.observe(&e);
                Err(ViewsError::Salesforce(e).into())
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn view_types(&self) -> Result<Vec<String>, ApiError> {
        self.views_call(|v| async move { v.object_types().await }).await
    }

    /// The object types for the window, at once: as last learnt when there is something learnt
    /// (with when, if it is past its day, and `refresh` set: the window shows them and asks
    /// [`Self::refresh_view_types`] behind them), else asked now.
    pub async fn shown_view_types(&self) -> Result<ShownTypes, ApiError> {
        let live = self.live()?;
        match live.views().known_object_types() {
            Some(known) if known.freshness == Freshness::Fresh => Ok(ShownTypes {
                types: known.types,
                as_of: None,
                refresh: false,
            }),
            Some(known) => Ok(ShownTypes {
                types: known.types,
                as_of: Some(known.learnt_at),
                refresh: true,
            }),
            None => Ok(ShownTypes {
                types: self.view_types().await?,
                as_of: None,
                refresh: false,
            }),
        }
    }

    /// The object types asked again now (one API call).
    pub async fn refresh_view_types(&self) -> Result<Vec<String>, ApiError> {
        self.views_call(|v| async move { v.refresh_object_types().await }).await
    }

    /// The object type the widget showed last, so that it opens on it again.
    pub fn shown_view_type(&self) -> Option<String> {
        self.store.get(KEY_SHOWN_VIEW_TYPE)
    }

    pub fn set_shown_view_type(&self, object: &str) -> Result<(), ApiError> {
        if self.shown_view_type().as_deref() != Some(object) {
            self.store.set(KEY_SHOWN_VIEW_TYPE, &object)?;
        }
        Ok(())
    }

    pub async fn object_views(&self, object: &str) -> Result<ShownViews, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.object_views(&object).await })
            .await
            .map(ShownViews::from)
    }

    pub async fn views_editor(
        &self,
        object: &str,
        draft: Option<Vec<String>>,
        toggle: Option<String>,
    ) -> Result<ShownEditor, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.editor(&object, draft, toggle.as_deref()).await })
            .await
            .map(ShownEditor::from)
    }

    pub async fn save_views(&self, object: &str, ids: Vec<String>) -> Result<ShownViews, ApiError> {
        let object = object.to_string();
        self.views_call(|v| async move { v.save(&object, ids).await })
            .await
            .map(ShownViews::from)
    }

    pub async fn enable_view(&self, object: &str, id: &str) -> Result<ShownViews, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.enable(&object, &id).await })
            .await
            .map(ShownViews::from)
    }

    pub async fn disable_view(&self, object: &str, id: &str) -> Result<ShownViews, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.disable(&object, &id).await })
            .await
            .map(ShownViews::from)
    }

    pub async fn view_records(
        &self,
        object: &str,
        id: &str,
        limit: u32,
        offset: u32,
    ) -> Result<ListViewRecords, ApiError> {
        self.view_records_sorted(object, id, None, limit, offset).await
    }

    /// A page of a list view's records, sorted by one of its columns when `sort` is given
    /// (one request).
    pub async fn view_records_sorted(
        &self,
        object: &str,
        id: &str,
        sort: Option<ListViewSort>,
        limit: u32,
        offset: u32,
    ) -> Result<ListViewRecords, ApiError> {
        let (object, id) = (object.to_string(), id.to_string());
        self.views_call(|v| async move { v.records_sorted(&object, &id, sort.as_ref(), limit, offset).await })
            .await
    }
}
