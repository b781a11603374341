//! My CRM Views: which object types have list views, the catalogue offered per type
//! (≤ 80), the enabled selection (1..=2) kept per connected user and org, and the records
//! of an enabled view.

mod records;
pub mod selection;
mod types;

pub use records::{Beyond, Column, ListViewRecords, ListViewSort, Paging, Row, SortDirection, SortRefusal, MAX_OFFSET};

pub use types::{Freshness, KnownTypes};

use crate::salesforce::listviews::{list_views_soql, ListViewEntry, ListViewRow};
use crate::salesforce::query::QueryPage;
use crate::salesforce::{SalesforceClient, SalesforceError};
use crate::session_key::SessionKey;
use crate::store::{LocalStore, StoreError, StoreNotice};
use selection::{ListViewSelection, SelectionError, MAX_OFFERED};
use serde::Serialize;
use std::sync::Arc;
use thiserror::Error;

/// Object types that have standard list views (API-NOTES §4).
pub const VIEW_OBJECTS: [&str; 5] = ["Account", "Contact", "Lead", "Opportunity", "Case"];
/// Safety bound on list view paging.
const MAX_PAGES: usize = 40;

#[derive(Debug, Error)]
pub enum ViewsError {
    #[error(transparent)]
    Salesforce(#[from] SalesforceError),
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("“{0}” is not an object type with list views. Choose one of: Account, Contact, Lead, Opportunity, Case.")]
    UnknownObject(String),
    #[error("{0} has no list views in this org.")]
    NoListViews(String),
    /// The user's profile does not grant the object (Salesforce answers 404 NOT_FOUND).
    #[error("This Salesforce user has no access to {0}, so it has no list views to show.")]
    NoAccess(String),
    #[error("“{0}” is not a list view ID (15 or 18 letters and digits, as `workstation views list` shows them).")]
    NotAnId(String),
    /// A sort on request that cannot be: refused here when the columns say so, else by
    /// Salesforce.
    #[error("This list view cannot be sorted by {field}: {why}.")]
    Unsortable { field: String, why: SortRefusal },
    /// A page that starts past the records Salesforce pages a list view through
    /// ([`MAX_OFFSET`]): refused before any request, or by Salesforce
    /// (NUMBER_OUTSIDE_VALID_RANGE).
    #[error("Salesforce shows a list view's records here only up to the {limit}th; open the list view in Salesforce for the rest.")]
    BeyondPaging { limit: u32 },
}

impl ViewsError {
    pub fn kind(&self) -> &'static str {
        match self {
            ViewsError::Salesforce(e) => e.kind(),
            ViewsError::Selection(SelectionError::TooMany) => "too_many",
            ViewsError::Selection(SelectionError::LastOne) => "last_one",
            ViewsError::Selection(SelectionError::NotOffered) => "not_offered",
            ViewsError::Store(_) => "store",
            ViewsError::UnknownObject(_) => "unknown_object",
            ViewsError::NoListViews(_) => "no_list_views",
            ViewsError::NoAccess(_) => "no_access",
            ViewsError::NotAnId(_) => "not_an_id",
            ViewsError::Unsortable { .. } => "not_sortable",
            ViewsError::BeyondPaging { .. } => "beyond_paging",
        }
    }
}

/// The list views offered for one object type.
#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    pub object: String,
    /// How many the org has.
    pub total: usize,
    /// The first 80, in Salesforce's order.
    pub offered: Vec<ListViewEntry>,
}

impl Catalogue {
    fn offered_ids(&self) -> Vec<&str> {
        self.offered.iter().map(|v| v.id.as_str()).collect()
    }
}

/// What changed under the person's feet, for the front ends to say in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewsNotice {
    /// One list view enabled for `object` no longer exists in Salesforce and was removed.
    EnabledViewRemoved { object: String },
    /// None of the list views enabled for `object` exists any more; a default is shown.
    EnabledViewsGone { object: String },
    /// The settings store's own news (a damaged file set aside).
    Store(StoreNotice),
}

/// A catalogue with the user's enabled marks, and notices about what changed.
#[derive(Debug, Clone)]
pub struct ObjectViews {
    pub object: String,
    pub total: usize,
    pub offered: Vec<OfferedView>,
    pub enabled: Vec<String>,
    pub notices: Vec<ViewsNotice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfferedView {
    pub id: String,
    pub label: String,
    pub enabled: bool,
}

pub fn canonical_object(name: &str) -> Result<&'static str, ViewsError> {
    VIEW_OBJECTS
        .into_iter()
        .find(|o| o.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| ViewsError::UnknownObject(name.to_string()))
}

/// How long a fetched catalogue is reused (each fetch costs API calls).
const CATALOGUE_TTL: std::time::Duration = std::time::Duration::from_secs(300);

pub struct ViewsService {
    client: Arc<SalesforceClient>,
    store: Arc<LocalStore>,
    /// `orgId/userId` ([`SessionKey::person`]): selections are kept per connected user and
    /// org, whatever address the org answers at.
    scope: String,
    catalogues: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, Catalogue)>>,
    /// The columns and total of the list views whose records were read (`records`).
    layouts: records::Layouts,
    /// The UI API's page tokens given for the sorted pages read (`records`).
    tokens: records::PageTokens,
}

/// The editor of one object type's selection: the draft the user is toggling, and for
/// each offered view whether it may be toggled and, if not, why.
#[derive(Debug, Clone)]
pub struct Editor {
    pub object: String,
    pub total: usize,
    pub draft: Vec<String>,
    pub views: Vec<EditorView>,
    /// Why the last toggle was refused (the draft is unchanged then).
    pub refused: Option<SelectionError>,
    pub notices: Vec<ViewsNotice>,
}

#[derive(Debug, Clone)]
pub struct EditorView {
    pub id: String,
    pub label: String,
    pub enabled: bool,
    /// Set when toggling this view would break a rule.
    pub locked: Option<SelectionError>,
}

impl ViewsService {
    pub fn new(client: Arc<SalesforceClient>, store: Arc<LocalStore>, key: &SessionKey) -> Self {
        ViewsService {
            client,
            store,
            scope: key.person(),
            catalogues: Default::default(),
            layouts: Default::default(),
            tokens: Default::default(),
        }
    }

    fn key(&self, object: &str) -> String {
        format!("views/{}/{}", self.scope, object)
    }

    /// The catalogue, reused for a few minutes so that editing costs no extra calls.
    pub async fn catalogue(&self, object: &str) -> Result<Catalogue, ViewsError> {
        let object = canonical_object(object)?;
        if let Some((at, c)) = self.catalogues.lock().ok().and_then(|m| m.get(object).cloned()) {
            if at.elapsed() < CATALOGUE_TTL {
                return Ok(c);
            }
        }
        let fresh = self.fetch_catalogue(object).await?;
        if let Ok(mut m) = self.catalogues.lock() {
            m.insert(object.to_string(), (std::time::Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }

    /// All of an object's list views that can run, the first 80 offered: one SOQL query on
    /// `ListView`, one API call a batch of 2,000 (or the `/listviews` pages when the org refuses
    /// the query).
    pub async fn fetch_catalogue(&self, object: &str) -> Result<Catalogue, ViewsError> {
        let object = canonical_object(object)?;
        // The query lists views of objects the user cannot read too: the types say which.
        if self.unreadable(object).await? {
            return Err(ViewsError::NoAccess(object.to_string()));
        }
        let soql = format!("{} ORDER BY Name", list_views_soql(&[object]));
        let mut all: Vec<ListViewEntry> = match self
            .client
            .get_json::<QueryPage<ListViewRow>>("query/", &[("q", soql)])
            .await
        {
            // A list view that is not SOQL-compatible has no results through the API (its
            // filters cannot be expressed in SOQL): it is not offered. Later batches are one
            // API call each.
            Ok(first) => self
                .client
                .query_rest(first)
                .await?
                .into_iter()
                .filter(|r| r.soql_compatible)
                .map(|r| ListViewEntry {
                    id: r.id,
                    label: r.name,
                    developer_name: r.developer_name,
                    soql_compatible: true,
                })
                .collect(),
            Err(e) if e.rules_out_another_way() => return Err(e.into()),
            Err(e) => {
                tracing::info!(error = %e, "the ListView query was refused; reading the list views' pages");
                self.list_view_pages(object).await?
            }
        };
        let total = all.len();
        all.truncate(MAX_OFFERED);
        Ok(Catalogue {
            object: object.to_string(),
            total,
            offered: all,
        })
    }

    /// An object's list views that can run, page by page (following `nextRecordsUrl`).
    async fn list_view_pages(&self, object: &str) -> Result<Vec<ListViewEntry>, ViewsError> {
        let mut all: Vec<ListViewEntry> = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = match self.client.list_views_page(object, next.as_deref()).await {
                Ok(page) => page,
                Err(SalesforceError::NotFound) => {
                    self.forget_type(object);
                    return Err(ViewsError::NoAccess(object.to_string()));
                }
                Err(e) => return Err(e.into()),
            };
            all.extend(page.listviews.into_iter().filter(|v| v.soql_compatible));
            match page.next_records_url {
                Some(url) if !page.done => next = Some(url),
                _ => break,
            }
        }
        Ok(all)
    }

    /// The saved selection checked against the org: vanished views are dropped with a
    /// notice; with nothing left (or a first-time user) the most recently viewed list
    /// view is enabled, else the first offered.
    pub async fn object_views(&self, object: &str) -> Result<ObjectViews, ViewsError> {
        let object = canonical_object(object)?;
        let catalogue = self.catalogue(object).await?;
        if catalogue.offered.is_empty() {
            return Err(ViewsError::NoListViews(object.to_string()));
        }
        let mut notices: Vec<ViewsNotice> = self.store.take_notices().into_iter().map(ViewsNotice::Store).collect();
        let offered = catalogue.offered_ids();
        let saved: Option<ListViewSelection> = self.store.get(&self.key(object));
        let selection = match &saved {
            Some(s) => match s.retain_offered(&offered) {
                Some(kept) => {
                    if &kept != s {
                        notices.push(ViewsNotice::EnabledViewRemoved {
                            object: object.to_string(),
                        });
                    }
                    Some(kept)
                }
                None => {
                    notices.push(ViewsNotice::EnabledViewsGone {
                        object: object.to_string(),
                    });
                    None
                }
            },
            None => None,
        };
        let selection = match selection {
            Some(s) => s,
            None => self.default_selection(object, &catalogue).await,
        };
        if saved.as_ref() != Some(&selection) {
            self.store.set(&self.key(object), &selection)?;
        }
        Ok(describe(&catalogue, &selection, notices))
    }

    async fn default_selection(&self, object: &str, catalogue: &Catalogue) -> ListViewSelection {
        let offered = catalogue.offered_ids();
        // Learnt with the object types (one query for all), else asked (one request).
        if let Some(known) = self.most_recent_view(object) {
            let id = known.filter(|id| offered.contains(&id.as_str()));
            return ListViewSelection::One(id.unwrap_or_else(|| catalogue.offered[0].id.clone()));
        }
        let recent = match self.client.recent_list_views(object).await {
            Ok(page) => page
                .listviews
                .into_iter()
                .map(|v| v.id)
                .find(|id| offered.contains(&id.as_str())),
            Err(e) => {
                tracing::info!(error = %e, "recent list views unavailable; using the first");
                None
            }
        };
        ListViewSelection::One(recent.unwrap_or_else(|| catalogue.offered[0].id.clone()))
    }

    /// Replaces the selection at once (the editor's Save), under the same rules.
    pub async fn save(&self, object: &str, ids: Vec<String>) -> Result<ObjectViews, ViewsError> {
        let object = canonical_object(object)?;
        let catalogue = self.catalogue(object).await?;
        let offered = catalogue.offered_ids();
        if ids.iter().any(|id| !offered.contains(&id.as_str())) {
            return Err(SelectionError::NotOffered.into());
        }
        let selection = ListViewSelection::try_from(ids)?;
        self.store.set(&self.key(object), &selection)?;
        Ok(describe(&catalogue, &selection, Vec::new()))
    }

    pub async fn enable(&self, object: &str, id: &str) -> Result<ObjectViews, ViewsError> {
        self.change(object, id, |s, id| s.enable(id)).await
    }

    pub async fn disable(&self, object: &str, id: &str) -> Result<ObjectViews, ViewsError> {
        self.change(object, id, |s, id| s.disable(id)).await
    }

    /// Applies `op` with the offered list view that `id` names (its 15- or 18-character ID).
    async fn change(
        &self,
        object: &str,
        id: &str,
        op: impl FnOnce(&ListViewSelection, &str) -> Result<ListViewSelection, SelectionError>,
    ) -> Result<ObjectViews, ViewsError> {
        let current = self.object_views(object).await?;
        let Some(id) = current
            .offered
            .iter()
            .find(|v| crate::salesforce::same_record_id(&v.id, id.trim()))
            .map(|v| v.id.clone())
        else {
            return Err(SelectionError::NotOffered.into());
        };
        let selection = ListViewSelection::try_from(current.enabled.clone())?;
        let next = op(&selection, &id)?;
        self.save(&current.object, next.into()).await
    }

    /// The editor after toggling `toggle` in `draft` (the saved selection when `None`).
    /// Nothing is saved until `save`.
    pub async fn editor(
        &self,
        object: &str,
        draft: Option<Vec<String>>,
        toggle: Option<&str>,
    ) -> Result<Editor, ViewsError> {
        let current = self.object_views(object).await?;
        let offered: Vec<&str> = current.offered.iter().map(|v| v.id.as_str()).collect();
        let draft = match draft {
            Some(ids) => ListViewSelection::try_from(ids)
                .ok()
                .and_then(|s| s.retain_offered(&offered))
                .unwrap_or(ListViewSelection::try_from(current.enabled.clone())?),
            None => ListViewSelection::try_from(current.enabled.clone())?,
        };
        let (draft, refused) = match toggle {
            None => (draft, None),
            Some(id) if !offered.contains(&id) => (draft, Some(SelectionError::NotOffered)),
            Some(id) if draft.contains(id) => match draft.disable(id) {
                Ok(next) => (next, None),
                Err(e) => (draft, Some(e)),
            },
            Some(id) => match draft.enable(id) {
                Ok(next) => (next, None),
                Err(e) => (draft, Some(e)),
            },
        };
        let views = current
            .offered
            .iter()
            .map(|v| {
                let enabled = draft.contains(&v.id);
                let locked = match (&draft, enabled) {
                    (ListViewSelection::One(_), true) => Some(SelectionError::LastOne),
                    (ListViewSelection::Two(..), false) => Some(SelectionError::TooMany),
                    _ => None,
                };
                EditorView {
                    id: v.id.clone(),
                    label: v.label.clone(),
                    enabled,
                    locked,
                }
            })
            .collect();
        Ok(Editor {
            object: current.object,
            total: current.total,
            draft: draft.into(),
            views,
            refused,
            notices: current.notices,
        })
    }
}

fn describe(catalogue: &Catalogue, selection: &ListViewSelection, notices: Vec<ViewsNotice>) -> ObjectViews {
    ObjectViews {
        object: catalogue.object.clone(),
        total: catalogue.total,
        offered: catalogue
            .offered
            .iter()
            .map(|v| OfferedView {
                id: v.id.clone(),
                label: v.label.clone(),
                enabled: selection.contains(&v.id),
            })
            .collect(),
        enabled: selection.ids().into_iter().map(String::from).collect(),
        notices,
    }
}
