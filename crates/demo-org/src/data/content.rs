//! The objects search finds but list views do not show: files (ContentVersions of
//! ContentDocuments, some with superseded versions), Reports and Dashboards. Generated after
//! the CRM objects, in this order, from the same random sequence.

use std::collections::HashSet;

use super::anchors;
use super::seed::{Builder, Gen};
use super::table::{Record, Value};
use crate::schema::ObjType;
use crate::text::{self, make_id};

/// Files: ContentVersion (068…) of ContentDocuments (069…); a document's last version has
/// `IsLatest = true`.
pub(super) fn files(g: &mut Gen, user_ids: &[String], accounts: &[Record]) -> Vec<Record> {
    let dana = &user_ids[0];
    let file_types: &[(&str, &str)] = &[
        ("PDF", "pdf"),
        ("POWER_POINT_X", "pptx"),
        ("EXCEL_X", "xlsx"),
        ("WORD_X", "docx"),
        ("PNG", "png"),
        ("JPG", "jpg"),
        ("CSV", "csv"),
        ("TEXT", "txt"),
    ];
    let file_titles = [
        "Proposal",
        "Board Deck Q{q}",
        "Price List {y}",
        "Logo final v{q}",
        "Contract",
        "Meeting notes",
        "Onboarding checklist",
        "Présentation client",
        "Angebot",
        "Presupuesto",
        "Mitsumorisho",
        "Oferta handlowa",
        "Security questionnaire",
        "Case study",
    ];
    let mut versions = Vec::new();
    let mut doc_n = 0u64;
    let mut ver_n = 0u64;
    while versions.len() < 300 {
        doc_n += 1;
        let doc_id = make_id("069", doc_n);
        let (title, ft) = if doc_n == 1 {
            (anchors::ACME_FILE.to_string(), file_types[2])
        } else {
            let acc = accounts[g.rng.below(accounts.len() as u64) as usize].values[1]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let t = g
                .rng
                .pick(&file_titles)
                .replace("{q}", &(1 + g.rng.below(4)).to_string())
                .replace("{y}", &(2023 + g.rng.below(4)).to_string());
            (
                if g.rng.chance(0.6) { format!("{acc} — {t}") } else { t },
                *g.rng.pick(file_types),
            )
        };
        let n_versions = if doc_n == 1 {
            2
        } else if g.rng.chance(0.15) {
            2 + g.rng.below(2)
        } else {
            1
        };
        let created0 = g.created();
        for v in 0..n_versions {
            ver_n += 1;
            let id = make_id("068", ver_n);
            let mut b = Builder::new(ObjType::ContentVersion, &id);
            let created = created0 + v as i64 * 86_400 * (1 + g.rng.below(20) as i64);
            let created = created.min(g.now - 60);
            b.s("Title", title.clone())
                .s("FileType", ft.0)
                .s("FileExtension", ft.1)
                .s("ContentDocumentId", doc_id.clone())
                .set("IsLatest", Value::Bool(v + 1 == n_versions))
                .s("VersionNumber", (v + 1).to_string())
                .set("ContentSize", Value::Int(2_000 + g.rng.below(9_000_000) as i64))
                .set(
                    "OwnerId",
                    if doc_n == 1 {
                        Value::Str(dana.clone())
                    } else {
                        g.owner(user_ids)
                    },
                )
                .set("CreatedDate", Value::DateTime(created))
                .set("LastModifiedDate", Value::DateTime(created));
            versions.push(b.done());
        }
    }
    versions
}

/// Reports, with unique names, in their folders.
pub(super) fn reports(g: &mut Gen, user_ids: &[String]) -> Vec<Record> {
    let dana = &user_ids[0];
    let topics = [
        "Pipeline",
        "Opportunities",
        "Closed Won Deals",
        "Leads",
        "Open Cases",
        "Case Aging",
        "Accounts",
        "Contacts",
        "Forecast",
        "Activities",
        "Campaign ROI",
        "Renewals",
    ];
    let dims = [
        "by Stage",
        "by Owner",
        "by Region",
        "by Source",
        "by Month",
        "by Priority",
        "by Industry",
        "by Product",
        "this Quarter",
        "— Year over Year",
    ];
    let report_folders = [
        "Sales Reports",
        "Service Reports",
        "Marketing Reports",
        "Executive Reports",
        "Public Reports",
        "Rapports commerciaux",
    ];
    let mut reports = Vec::new();
    let mut rseen = HashSet::new();
    for i in 0..120 {
        let id = make_id("00O", 1 + i as u64);
        let (name, folder) = if i == 0 {
            (anchors::ACME_REPORT.to_string(), "Sales Reports")
        } else {
            let mut name = format!("{} {}", g.rng.pick(&topics), g.rng.pick(&dims));
            while rseen.contains(&name) {
                name = format!(
                    "{} {} ({})",
                    g.rng.pick(&topics),
                    g.rng.pick(&dims),
                    g.rng.pick(&["EMEA", "AMER", "APAC", "LATAM", "Global"])
                );
            }
            (name, *g.rng.pick(&report_folders))
        };
        rseen.insert(name.clone());
        let mut b = Builder::new(ObjType::Report, &id);
        b.s("Name", name.clone())
            .s("DeveloperName", developer_name(&name, i))
            .s("FolderName", folder)
            .s("Format", *g.rng.pick(&["Tabular", "Summary", "Matrix"]))
            .opt(
                "Description",
                if g.rng.chance(0.4) {
                    Some("Shared with the whole sales team.")
                } else {
                    None
                },
            )
            .set(
                "LastRunDate",
                if g.rng.chance(0.8) {
                    Value::DateTime(g.now - g.rng.below(90 * 86_400) as i64)
                } else {
                    Value::Null
                },
            )
            .set(
                "OwnerId",
                if i == 0 {
                    Value::Str(dana.clone())
                } else {
                    g.owner(user_ids)
                },
            );
        g.stamps(&mut b, i == 0);
        reports.push(b.done());
    }
    reports
}

/// Dashboards, with unique titles, in their folders.
pub(super) fn dashboards(g: &mut Gen) -> Vec<Record> {
    let dash_topics = [
        "Sales",
        "Service",
        "Marketing",
        "Pipeline",
        "Support Team",
        "Regional Sales",
        "Customer Success",
        "Partner",
        "Vertriebs",
        "Ventas",
    ];
    let dash_kinds = [
        "Overview",
        "Leaderboard",
        "Scorecard",
        "KPIs",
        "Weekly Review",
        "Health",
    ];
    let dash_folders = [
        "Executive Dashboards",
        "Sales Dashboards",
        "Service Dashboards",
        "Marketing Dashboards",
    ];
    let mut dashboards = Vec::new();
    let mut dseen = HashSet::new();
    for i in 0..40 {
        let id = make_id("01Z", 1 + i as u64);
        let (title, folder) = if i == 0 {
            (anchors::ACME_DASHBOARD.to_string(), "Executive Dashboards")
        } else {
            let mut t = format!("{} {}", g.rng.pick(&dash_topics), g.rng.pick(&dash_kinds));
            while dseen.contains(&t) {
                t = format!(
                    "{} {} {}",
                    g.rng.pick(&dash_topics),
                    g.rng.pick(&dash_kinds),
                    2024 + g.rng.below(3)
                );
            }
            (t, *g.rng.pick(&dash_folders))
        };
        dseen.insert(title.clone());
        let mut b = Builder::new(ObjType::Dashboard, &id);
        b.s("Title", title.clone())
            .s("DeveloperName", developer_name(&title, i))
            .s("FolderName", folder);
        g.stamps(&mut b, i == 0);
        dashboards.push(b.done());
    }
    dashboards
}

fn developer_name(label: &str, i: usize) -> String {
    let mut s: String = text::fold(label)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "X_");
    }
    format!("{s}_{i}")
}
