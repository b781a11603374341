//! Which object types have list views this user can open, learnt in one API call (one more for
//! each further batch of 2,000 list views, `salesforce::query`): a Composite request (one call
//! toward the API limit) of a SOQL query on `ListView` (queryable, with
//! `SobjectType`, `IsSoqlCompatible` and `LastViewedDate` — Object Reference, ListView) and the
//! sObject Basic Information of each type, instead of asking each type's `/listviews` in turn.
//! Asking about each type is needed: the query may well list views of objects the user's
//! profile does not let them read (such an object answers 404). The basic information says so
//! in a few KB; a describe would say it in hundreds (a customised org's Account is 200 KB to
//! over 1 MB, five of them past the REST timeout over a VPN). Kept for a day per user and org, with each
//! type's most recently viewed list view, so that a first look at a type needs no call of its
//! own to pick a default.
//!
//! Past the day they are not thrown away: the window shows them at once, marked with when they
//! were learnt, and asks again behind them ([`ViewsService::known_object_types`], then
//! [`ViewsService::refresh_object_types`]); if asking fails, they stay on screen saying how old
//! they are, never passed off as current.

use super::{ViewsError, ViewsService, VIEW_OBJECTS};
use crate::salesforce::access::{basic_info_url, SubAnswer};
use crate::salesforce::listviews::{list_views_soql, ListViewRow};
use crate::salesforce::query::QueryPage;
use crate::salesforce::{SalesforceError, SearchObject, API_VERSION};
use crate::store::{is_fresh, now_secs};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long the set of object types with list views is trusted before asking again.
const TYPES_TTL_SECS: u64 = 24 * 3600;

#[derive(Serialize, Deserialize)]
struct CachedTypes {
    types: Vec<String>,
    /// Object type → its most recently viewed list view.
    #[serde(default)]
    most_recent: BTreeMap<String, String>,
    /// True when `most_recent` came from the query (so a type missing there has none); false
    /// when the types were probed, or in files written before.
    #[serde(default)]
    recent_known: bool,
    /// Types the profile does not let this user read (their basic information answered 404).
    #[serde(default)]
    unreadable: Vec<String>,
    at: u64,
}

/// The object types as last learnt, without asking Salesforce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTypes {
    pub types: Vec<String>,
    /// When they were learnt (seconds since the Unix epoch).
    pub learnt_at: u64,
    pub freshness: Freshness,
}

/// Whether what was learnt may be shown as current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Within its day: current.
    Fresh,
    /// Older: shown only with when it was learnt, and asked again.
    Stale,
}

impl ViewsService {
    fn types_key(&self) -> String {
        format!("views/{}/types", self.scope)
    }

    fn cached_types(&self) -> Option<CachedTypes> {
        self.store
            .get::<CachedTypes>(&self.types_key())
            .filter(|c| is_fresh(c.at, TYPES_TTL_SECS))
    }

    /// The object types as last learnt, however old (no request): for showing at once.
    pub fn known_object_types(&self) -> Option<KnownTypes> {
        let stored = self.store.get::<CachedTypes>(&self.types_key())?;
        let freshness = if is_fresh(stored.at, TYPES_TTL_SECS) {
            Freshness::Fresh
        } else {
            Freshness::Stale
        };
        Some(KnownTypes {
            types: stored.types,
            learnt_at: stored.at,
            freshness,
        })
    }

    /// Object types that have at least one list view this user can open, in the widget's
    /// order; asked once a day.
    pub async fn object_types(&self) -> Result<Vec<String>, ViewsError> {
        if let Some(cached) = self.cached_types() {
            return Ok(cached.types);
        }
        self.refresh_object_types().await
    }

    /// The object types asked again now (one API call, and one more for each further batch of
    /// 2,000 list views), whatever was learnt before.
    pub async fn refresh_object_types(&self) -> Result<Vec<String>, ViewsError> {
        let mut requests = vec![(
            "types".to_string(),
            format!(
                "/services/data/{API_VERSION}/query?q={}",
                url::form_urlencoded::byte_serialize(list_views_soql(&VIEW_OBJECTS).as_bytes()).collect::<String>()
            ),
        )];
        requests.extend(
            VIEW_OBJECTS
                .iter()
                .filter_map(|o| SearchObject::from_name(o))
                .map(|o| (o.name().to_string(), basic_info_url(API_VERSION, o.sobject()))),
        );
        let learnt = match self.client.composite(&requests).await.map(|a| (first_batch(&a), a)) {
            // The query's later batches, if any, are one API call each.
            Ok((Some(first), answers)) => from_answers(&answers, self.client.query_rest(first).await?),
            // Unreachable, refused session, no API calls left, Salesforce failing: asking type
            // by type would fail too.
            Err(e) if e.rules_out_another_way() => return Err(e.into()),
            Ok((None, _)) => {
                tracing::info!("the ListView query was refused; asking each type");
                self.probe_types().await?
            }
            Err(e) => {
                tracing::info!(error = %e, "the composite request was refused; asking each type");
                self.probe_types().await?
            }
        };
        self.store.set(&self.types_key(), &learnt)?;
        Ok(learnt.types)
    }

    /// One `/listviews` request per type, skipping the types this user cannot read (404).
    async fn probe_types(&self) -> Result<CachedTypes, ViewsError> {
        let mut types = Vec::new();
        for object in VIEW_OBJECTS {
            match self.client.list_views_page(object, None).await {
                Ok(page) if page.listviews.iter().any(|v| v.soql_compatible) => types.push(object.to_string()),
                Ok(_) | Err(SalesforceError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(CachedTypes {
            types,
            most_recent: BTreeMap::new(),
            recent_known: false,
            unreadable: Vec::new(),
            at: now_secs(),
        })
    }

    /// A type turned out unreadable for this user (its `/listviews` answered 404): the widget
    /// stops offering it.
    pub(super) fn forget_type(&self, object: &str) {
        if let Some(mut cached) = self.cached_types() {
            if cached.types.iter().any(|t| t == object) {
                cached.types.retain(|t| t != object);
                cached.unreadable.push(object.to_string());
                if let Err(e) = self.store.set(&self.types_key(), &cached) {
                    tracing::warn!(error = %e, "could not forget an unreadable object type");
                }
            }
        }
    }

    /// The type's most recently viewed list view as the types query saw it: `Some(None)` when
    /// the query saw none, `None` when it is not known.
    pub(super) fn most_recent_view(&self, object: &str) -> Option<Option<String>> {
        let cached = self.cached_types()?;
        let id = cached.most_recent.get(object).cloned();
        (cached.recent_known || id.is_some()).then_some(id)
    }

    /// Whether this user's profile withholds `object`, as the types were last learnt (asked
    /// again when they are not known).
    pub(super) async fn unreadable(&self, object: &str) -> Result<bool, ViewsError> {
        if self.cached_types().is_none() {
            self.object_types().await?;
        }
        Ok(self
            .cached_types()
            .is_some_and(|c| c.unreadable.iter().any(|u| u == object)))
    }
}

/// The ListView query's first batch in the Composite answer: `None` when it was refused.
fn first_batch(answers: &[SubAnswer]) -> Option<QueryPage<ListViewRow>> {
    answers
        .iter()
        .find(|a| a.reference == "types" && a.status == 200)
        .and_then(|a| serde_json::from_value(a.body.clone()).ok())
}

/// What the Composite answer says, with every row of the ListView query.
fn from_answers(answers: &[SubAnswer], rows: Vec<ListViewRow>) -> CachedTypes {
    // A type whose basic information was refused (404: the profile does not grant it) is not
    // offered.
    let unreadable: Vec<&str> = answers
        .iter()
        .filter(|a| a.reference != "types" && matches!(a.status, 403 | 404))
        .map(|a| a.reference.as_str())
        .collect();
    let readable: Vec<ListViewRow> = rows
        .into_iter()
        .filter(|r| !unreadable.contains(&r.sobject_type.as_str()))
        .collect();
    let mut learnt = from_rows(&readable);
    learnt.recent_known = true;
    learnt.unreadable = unreadable.into_iter().map(String::from).collect();
    learnt
}

/// The types with a list view that can run (SOQL-compatible), in the widget's order, and each
/// type's most recently viewed one.
fn from_rows(rows: &[ListViewRow]) -> CachedTypes {
    fn usable<'a>(rows: &'a [ListViewRow], o: &'a str) -> impl Iterator<Item = &'a ListViewRow> {
        rows.iter().filter(move |r| r.soql_compatible && r.sobject_type == o)
    }
    let types = VIEW_OBJECTS
        .iter()
        .filter(|o| usable(rows, o).next().is_some())
        .map(|o| o.to_string())
        .collect();
    let most_recent = VIEW_OBJECTS
        .iter()
        .filter_map(|o| {
            usable(rows, o)
                .filter_map(|r| r.last_viewed.as_ref().map(|at| (at, &r.id)))
                .max()
                .map(|(_, id)| (o.to_string(), id.clone()))
        })
        .collect();
    CachedTypes {
        types,
        most_recent,
        recent_known: false,
        unreadable: Vec::new(),
        at: now_secs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, object: &str, compatible: bool, viewed: Option<&str>) -> ListViewRow {
        ListViewRow {
            id: id.into(),
            name: id.into(),
            developer_name: id.into(),
            sobject_type: object.into(),
            soql_compatible: compatible,
            last_viewed: viewed.map(String::from),
        }
    }

    #[test]
    fn a_type_whose_basic_information_is_refused_is_not_offered_though_the_query_lists_its_views() {
        let sub = |reference: &str, status: u16, body: serde_json::Value| SubAnswer {
            reference: reference.into(),
            status,
            body,
        };
        let answers = [
            sub(
                "types",
                200,
                serde_json::json!({"totalSize": 2, "done": true, "records": [
                    {"attributes": {"type": "ListView"}, "Id": "00B1", "Name": "All Open Leads", "DeveloperName": "AllOpenLeads",
                     "SobjectType": "Lead", "IsSoqlCompatible": true, "LastViewedDate": null},
                    {"attributes": {"type": "ListView"}, "Id": "00B2", "Name": "All Open Cases", "DeveloperName": "AllOpenCases",
                     "SobjectType": "Case", "IsSoqlCompatible": true, "LastViewedDate": null}]}),
            ),
            sub(
                "Lead",
                200,
                serde_json::json!({"objectDescribe": {"name": "Lead"}, "recentItems": []}),
            ),
            sub(
                "Case",
                404,
                serde_json::json!([{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]),
            ),
        ];
        let first = first_batch(&answers).expect("the query answered");
        let learnt = from_answers(&answers, first.records);
        assert_eq!(learnt.types, ["Lead"]);
        assert_eq!(learnt.unreadable, ["Case"]);
        assert!(learnt.recent_known);
    }

    #[test]
    fn types_come_in_the_widget_order_and_only_with_a_view_that_can_run() {
        let rows = [
            row("00B1", "Lead", true, Some("2026-11-20T10:00:00.000+0000")),
            row("00B2", "Lead", true, Some("2026-11-28T10:00:00.000+0000")),
            row("00B3", "Account", true, None),
            row("00B4", "Case", false, Some("2026-11-29T10:00:00.000+0000")),
        ];
        let learnt = from_rows(&rows);
        assert_eq!(learnt.types, ["Account", "Lead"]);
        assert_eq!(learnt.most_recent.get("Lead").map(String::as_str), Some("00B2"));
        assert_eq!(
            learnt.most_recent.get("Account"),
            None,
            "never viewed: no default from here"
        );
    }
}
