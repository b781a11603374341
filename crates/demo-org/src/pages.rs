//! HTML pages of the demo org: the look they share (`page`, `esc`), simple messages, the
//! landing page, and record pages for "open in Salesforce". The OAuth pages (approval, device
//! verification) are built from these in `oauth`, beside the endpoints that serve them.

use axum::response::Response;

use crate::app::App;
use crate::data::{self, Value};
use crate::http::html;
use crate::profiles::DemoUser;
use crate::schema::ObjType;

pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;background:#f3f2f2;color:#181818;margin:0}\
header{background:#0176d3;color:#fff;padding:14px 24px;font-weight:600}\
main{max-width:520px;margin:40px auto;background:#fff;border:1px solid #dddbda;border-radius:6px;padding:28px}\
h1{font-size:22px;margin-top:0}ul{padding-left:20px}li{margin:6px 0}\
.buttons{display:flex;gap:12px;justify-content:flex-end;margin-top:24px}\
button{font-size:15px;padding:8px 20px;border-radius:4px;border:1px solid #0176d3;cursor:pointer}\
#allow{background:#0176d3;color:#fff}#deny{background:#fff;color:#0176d3}\
.muted{color:#706e6b;font-size:13px}.error{color:#ba0517}\
table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #eee;padding:6px 4px;vertical-align:top}td:first-child{color:#706e6b;width:40%}\
input{font-size:18px;padding:6px;letter-spacing:2px;width:100%;box-sizing:border-box}";

pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\
         <body><header>salesforce · {}</header><main>{body}</main></body></html>",
        esc(title),
        esc(data::ORG_NAME)
    )
}

/// Demo-only: the select (id and name `user`) of the approval and device pages that picks who
/// signs in, `preselected` first chosen. Salesforce asks for a login instead; the demo org has
/// no passwords, so its two users are offered here.
pub(crate) fn user_select(preselected: DemoUser) -> String {
    let options: String = DemoUser::ALL
        .iter()
        .map(|u| {
            let who = u.identity();
            format!(
                "<option value=\"{}\"{}>{} ({}), {}</option>",
                u.as_str(),
                if *u == preselected { " selected" } else { "" },
                esc(who.name),
                esc(who.username),
                esc(u.profile().name)
            )
        })
        .collect();
    format!("<p><label for=\"user\">Sign in as</label> <select id=\"user\" name=\"user\">{options}</select></p>")
}

pub fn simple_page(title: &str, message: &str) -> String {
    page(title, &format!("<h1>{}</h1><p>{}</p>", esc(title), esc(message)))
}

pub fn landing(app: &App) -> Response {
    html(
        200,
        page(
            data::ORG_NAME,
            &format!(
                "<h1>{}</h1><p>A local stand-in for Salesforce used by Workstation's demo mode and tests.</p>\
                 <p class=\"muted\">Instance URL: {}</p>",
                esc(data::ORG_NAME),
                esc(&app.base_url)
            ),
        ),
    )
}

pub fn not_found() -> Response {
    html(
        404,
        simple_page(
            "Page not found",
            "The page you requested does not exist in the demo org.",
        ),
    )
}

fn display(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Str(s) => s.clone(),
        Value::Bool(b) => if *b { "Yes" } else { "No" }.into(),
        Value::Num(n) => format!("{n}"),
        Value::Int(i) => i.to_string(),
        Value::Date(d) => crate::text::iso_date(*d),
        Value::DateTime(s) => crate::text::listview_datetime(*s),
    }
}

/// Demo-only: `GET /lightning/r/{sObject}/{id}/view` (Lightning record URL, API-NOTES §6).
/// `ContentDocument/{069…}` shows the latest version of the file.
pub fn record_page(app: &App, path: &str) -> Response {
    let segs: Vec<&str> = path.trim_start_matches("/lightning/r/").split('/').collect();
    let [ty, id, "view"] = segs.as_slice() else {
        return not_found();
    };
    let d = app.data();
    let found = if ty.eq_ignore_ascii_case("ContentDocument") {
        d.latest_version_of_document(id).map(|i| (ObjType::ContentVersion, i))
    } else {
        ObjType::from_api_name(ty)
            .filter(|o| *o != ObjType::User)
            .and_then(|o| d.table(o).index_of(id).map(|i| (o, i)))
    };
    let Some((obj, i)) = found else {
        return not_found();
    };
    let t = d.table(obj);
    let name = display(t.value(i, obj.name_field()));
    let rows: String = obj
        .fields()
        .iter()
        .zip(&t.records[i].values)
        .map(|(f, v)| {
            let mut shown = display(v);
            if let (crate::schema::Kind::Ref, Value::Str(rid)) = (f.kind, v) {
                if let Some((o2, j)) = d.find(rid) {
                    shown = display(d.table(o2).value(j, o2.name_field()));
                }
            }
            format!("<tr><td>{}</td><td>{}</td></tr>", esc(f.label), esc(&shown))
        })
        .collect();
    let body = format!(
        "<p class=\"muted\">{}</p><h1 id=\"record-name\">{}</h1><table>{rows}</table>",
        esc(obj.api_name()),
        esc(&name)
    );
    html(200, page(&name, &body))
}
