//! `workstation views …`: My CRM Views from the command line, through the same `api` calls as
//! the window (so the same rules: at most two enabled per object type, at least one): the list
//! views offered for an object type, turning them on and off, and their records.

use super::args::ViewsCommand;
use super::exit::fail;
use super::lang;
use super::print::{note, print_json, printable};
use crate::api::localize::{self, Lang};
use crate::api::views::ShownViews;
use crate::api::Invalid;
use crate::api::{ApiError, Workstation};
use crate::views::{ListViewSort, SortDirection};

pub(super) async fn run_views(ws: &Workstation, command: ViewsCommand) -> i32 {
    let lang = lang();
    match command {
        ViewsCommand::Types { json } => match ws.view_types().await {
            Ok(types) => {
                if json {
                    print_json(&serde_json::json!({ "types": types }));
                } else if types.is_empty() {
                    println!(
                        "{}",
                        localize::pick(
                            lang,
                            "This Salesforce user can open no list view.",
                            "Cet utilisateur Salesforce ne peut ouvrir aucune vue de liste."
                        )
                    );
                } else {
                    for t in &types {
                        match localize::object_label(t, lang) {
                            label if label == t => println!("{}", printable(t)),
                            label => println!("{}  ({})", printable(t), printable(label)),
                        }
                    }
                }
                0
            }
            Err(e) => fail(&e),
        },
        ViewsCommand::List { object, json } => match ws.object_views(&object).await {
            Ok(v) => {
                if json {
                    print_json(&serde_json::json!({ "object": v.object, "total": v.total, "offered": v.offered }));
                } else {
                    match lang {
                        Lang::En => println!(
                            "{}: {} list views in the org, {} offered",
                            printable(&v.object),
                            v.total,
                            v.offered.len()
                        ),
                        Lang::Fr => println!(
                            "{} : {} vues de liste dans l’organisation, {} proposées",
                            printable(localize::object_label(&v.object, lang)),
                            v.total,
                            v.offered.len()
                        ),
                    }
                    for o in &v.offered {
                        println!(
                            "  [{}] {}  {}",
                            if o.enabled { "x" } else { " " },
                            printable(&o.id),
                            printable(&o.label)
                        );
                    }
                }
                for n in &v.notices {
                    note(n);
                }
                0
            }
            Err(e) => fail(&e),
        },
        ViewsCommand::Enable { object, view_id } | ViewsCommand::Disable { object, view_id }
            if view_id.trim().is_empty() || object.trim().is_empty() =>
        {
            fail(&Invalid::MissingViewArguments.into())
        }
        ViewsCommand::Enable { object, view_id } => report_change(ws.enable_view(&object, &view_id).await),
        ViewsCommand::Disable { object, view_id } => report_change(ws.disable_view(&object, &view_id).await),
        ViewsCommand::Show {
            object,
            view_id,
            json,
            limit,
            offset,
            sort,
            desc,
        } => {
            let direction = if desc {
                SortDirection::Descending
            } else {
                SortDirection::Ascending
            };
            let sort = sort.map(|field| ListViewSort::new(field, direction));
            let ids = match view_id {
                Some(id) => vec![id],
                None => match ws.object_views(&object).await {
                    Ok(v) => v.enabled,
                    Err(e) => return fail(&e),
                },
            };
            let mut pages = Vec::new();
            for id in ids {
                match ws.view_records_sorted(&object, &id, sort.clone(), limit, offset).await {
                    Ok(page) => pages.push(page),
                    Err(e) => return fail(&e),
                }
            }
            if json {
                print_json(&serde_json::json!({ "object": object, "views": pages }));
            } else {
                for p in &pages {
                    match lang {
                        Lang::En => println!("{} ({} records)", printable(&p.label), p.total),
                        Lang::Fr => println!("{} ({} enregistrements)", printable(&p.label), p.total),
                    }
                    println!(
                        "  {}",
                        p.columns
                            .iter()
                            // The column the rows are sorted by, and which way.
                            .map(|c| match c.sort.as_deref() {
                                Some("ascending") => format!("{} ↑", printable(&c.label)),
                                Some("descending") => format!("{} ↓", printable(&c.label)),
                                _ => printable(&c.label),
                            })
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    for row in &p.rows {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|c| printable(c.as_deref().unwrap_or("")))
                            .collect();
                        println!("  {}", cells.join(" | "));
                    }
                    if let Some(beyond) = &p.paging.beyond {
                        let (url, limit) = (printable(&beyond.url), beyond.limit);
                        match lang {
                            Lang::En => println!(
                                "  Salesforce pages a list view here only up to its {limit}th record; the rest is in Salesforce: {url}"
                            ),
                            Lang::Fr => println!(
                                "  Salesforce ne pagine ici une vue de liste que jusqu’à son {limit}e enregistrement ; la suite est dans Salesforce : {url}"
                            ),
                        }
                    }
                }
            }
            0
        }
    }
}

/// After `enable` or `disable`: the views now enabled for the object type.
fn report_change(result: Result<ShownViews, ApiError>) -> i32 {
    match result {
        Ok(v) => {
            let labels: Vec<String> = v
                .offered
                .iter()
                .filter(|o| o.enabled)
                .map(|o| printable(&o.label))
                .collect();
            match lang() {
                Lang::En => println!("Enabled for {}: {}", printable(&v.object), labels.join(", ")),
                Lang::Fr => println!(
                    "Activées pour {} : {}",
                    printable(localize::object_label(&v.object, Lang::Fr)),
                    labels.join(", ")
                ),
            }
            0
        }
        Err(e) => fail(&e),
    }
}
