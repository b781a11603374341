//! Where a record opens: the Lightning record page `/lightning/r/{sObject}/{id}/view`
//! (API-NOTES §6) on the org's Lightning host, derived from `instance_url`; and where a search
//! continues: Salesforce's own search results page for a term.

use base64::Engine as _;
use url::Url;

/// The Lightning component of Salesforce's search results page. Salesforce documents no URL
/// for it; Lightning Experience addresses it as `/one/one.app#` followed by the base64 of a
/// JSON page description (the pre-Summer '18 URL form `one/one.app#…` that the `lightning:navigation`
/// reference still names), and that is what well-known launchers open: Raycast's Salesforce
/// Navigator extension (raycast/extensions, `extensions/salesforce-navigator/src/SalesforceSearchView.tsx`,
/// `handleGlobalSearch`) sends `{"componentDef":"forceSearch:searchPageDesktop","attributes":
/// {"term":…,"scopeMap":{"type":"TOP_RESULTS"},"groupId":"DEFAULT"},"state":{}}`.
const SEARCH_PAGE_COMPONENT: &str = "forceSearch:searchPageDesktop";
const SEARCH_PAGE_PATH: &str = "/one/one.app";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLinks {
    base: String,
}

impl RecordLinks {
    /// `https://acme.my.salesforce.com` → `https://acme.lightning.force.com`; sandboxes keep
    /// their `--name.sandbox` part. Any other host (a loopback demo org, a legacy pod) is
    /// used as it is: Salesforce redirects `/lightning/r/...` there too.
    pub fn for_instance(instance_url: &str) -> Option<RecordLinks> {
        let url = Url::parse(instance_url).ok()?;
        let host = url.host_str()?.to_ascii_lowercase();
        let base = match host.strip_suffix(".my.salesforce.com") {
            Some(my_domain) if !my_domain.is_empty() => format!("https://{my_domain}.lightning.force.com"),
            _ => url.origin().ascii_serialization(),
        };
        Some(RecordLinks { base })
    }

    pub fn record_url(&self, sobject: &str, id: &str) -> String {
        let id: String = id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        format!("{}/lightning/r/{}/{}/view", self.base, sobject, id)
    }

    /// A list view in Lightning Experience: `/lightning/o/{sObject}/list?filterName={id}`, the
    /// address Lightning shows for one (e.g. `…lightning.force.com/lightning/o/Lead/list?
    /// filterName=00B8d000008p7KHEAY` in a company's published Salesforce how-to).
    pub fn list_view_url(&self, sobject: &str, view_id: &str) -> String {
        let sobject: String = sobject
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let id: String = view_id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        format!("{}/lightning/o/{sobject}/list?filterName={id}", self.base)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Salesforce's own search results page for `term` ("See all results in Salesforce"), top
    /// results first. The term travels only inside the base64 of a JSON string, written in
    /// ASCII (`\uXXXX` for anything else, so however Salesforce decodes the base64 the text is
    /// the same): no input can add a path, a query or another attribute to the address.
    pub fn search_url(&self, term: &str) -> String {
        let page = serde_json::json!({
            "componentDef": SEARCH_PAGE_COMPONENT,
            "attributes": {
                "term": term,
                "scopeMap": { "type": "TOP_RESULTS" },
                "groupId": "DEFAULT",
            },
            "state": {},
        });
        let encoded = base64::engine::general_purpose::STANDARD.encode(ascii_json(&page));
        format!("{}{SEARCH_PAGE_PATH}#{encoded}", self.base)
    }

    /// True for exactly the pages [`RecordLinks::search_url`] makes, whatever the term: the same
    /// origin, path and JSON, byte for byte, with nothing else (no credentials, no query).
    pub fn is_search_page(&self, url: &Url) -> bool {
        if url.path() != SEARCH_PAGE_PATH || url.query().is_some() {
            return false;
        }
        let Some(term) = url
            .fragment()
            .and_then(|f| base64::engine::general_purpose::STANDARD.decode(f).ok())
            .and_then(|json| serde_json::from_slice::<serde_json::Value>(&json).ok())
            .and_then(|page| page["attributes"]["term"].as_str().map(str::to_string))
        else {
            return false;
        };
        Url::parse(&self.search_url(&term)).is_ok_and(|ours| ours == *url)
    }

    /// True for exactly the pages [`RecordLinks::record_url`] makes: `/lightning/r/{sObject}/{id}/view`
    /// on this org's Lightning origin (scheme, host and port), an sObject's API name and a 15-
    /// or 18-character record ID, with nothing else (no credentials, query or fragment). Any
    /// other page of the org (Setup, a logout, the REST API) is not one of these.
    /// True for exactly the list view pages [`RecordLinks::list_view_url`] makes: the same
    /// origin, path and one `filterName` that is a list view ID, nothing else.
    pub fn is_list_view_page(&self, url: &Url) -> bool {
        let segments: Vec<&str> = url.path().split('/').collect();
        let ["", "lightning", "o", sobject, "list"] = segments.as_slice() else {
            return false;
        };
        let Some(("filterName", id)) = url.query().and_then(|q| q.split_once('=')) else {
            return false;
        };
        let id_ok = matches!(id.len(), 15 | 18) && id.chars().all(|c| c.is_ascii_alphanumeric());
        id_ok && Url::parse(&self.list_view_url(sobject, id)).is_ok_and(|ours| ours == *url)
    }

    pub fn is_record_page(&self, url: &Url) -> bool {
        let Ok(base) = Url::parse(&self.base) else {
            return false;
        };
        if url.origin() != base.origin()
            || !url.username().is_empty()
            || url.password().is_some()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return false;
        }
        let segments: Vec<&str> = url.path().split('/').collect();
        let ["", "lightning", "r", sobject, id, "view"] = segments.as_slice() else {
            return false;
        };
        let sobject_ok = sobject.starts_with(|c: char| c.is_ascii_alphabetic())
            && sobject.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let id_ok = matches!(id.len(), 15 | 18) && id.chars().all(|c| c.is_ascii_alphanumeric());
        sobject_ok && id_ok
    }
}

/// JSON text in ASCII: every other character of a string as `\uXXXX` (surrogate pairs past
/// the BMP), which JSON defines as the same string.
fn ascii_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn my_domain_opens_on_lightning() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        assert_eq!(
            l.record_url("Account", "001A"),
            "https://acme.lightning.force.com/lightning/r/Account/001A/view"
        );
        let s = RecordLinks::for_instance("https://acme--uat.sandbox.my.salesforce.com/").expect("ok");
        assert_eq!(s.base(), "https://acme--uat.sandbox.lightning.force.com");
    }

    #[test]
    fn other_hosts_are_kept() {
        let l = RecordLinks::for_instance("http://127.0.0.1:4000").expect("ok");
        assert_eq!(
            l.record_url("Report", "00O1"),
            "http://127.0.0.1:4000/lightning/r/Report/00O1/view"
        );
    }

    #[test]
    fn only_record_pages_of_the_org_are_record_pages() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        let page = |u: &str| l.is_record_page(&Url::parse(u).expect(u));
        assert!(page(&l.record_url("Account", "001Wk0000000001IAA")));
        assert!(page(&l.record_url("Invoice__c", "a01Wk0000000001")));
        for other in [
            // Other pages of the same org.
            "https://acme.lightning.force.com/lightning/setup/SetupOneHome/home",
            "https://acme.lightning.force.com/secur/logout.jsp",
            "https://acme.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/edit",
            "https://acme.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/view?retURL=https://evil.example",
            "https://acme.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/view#x",
            "https://acme.lightning.force.com/lightning/r/Account/001/view",
            "https://acme.lightning.force.com/lightning/r/Account/../../setup/view",
            "https://acme.lightning.force.com/lightning/r/Acc%2Fount/001Wk0000000001IAA/view",
            "https://u:p@acme.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/view",
            // The same path elsewhere: the instance host, another port, another scheme or org.
            "https://acme.my.salesforce.com/lightning/r/Account/001Wk0000000001IAA/view",
            "https://acme.lightning.force.com:8443/lightning/r/Account/001Wk0000000001IAA/view",
            "http://acme.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/view",
            "https://evil.lightning.force.com/lightning/r/Account/001Wk0000000001IAA/view",
        ] {
            assert!(!page(other), "{other}");
        }
    }

    #[test]
    fn only_list_view_pages_of_the_org_are_list_view_pages() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        let ours = l.list_view_url("Contact", "00BWk000001AbCdEFG");
        assert_eq!(
            ours,
            "https://acme.lightning.force.com/lightning/o/Contact/list?filterName=00BWk000001AbCdEFG"
        );
        let page = |u: &str| l.is_list_view_page(&Url::parse(u).expect(u));
        assert!(page(&ours));
        for other in [
            "https://acme.lightning.force.com/lightning/o/Contact/list",
            "https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent",
            "https://acme.lightning.force.com/lightning/o/Contact/list?filterName=00BWk000001AbCdEFG&x=1",
            "https://acme.lightning.force.com/lightning/o/Contact/list?filterName=00BWk000001AbCdEFG#x",
            "https://acme.lightning.force.com/lightning/o/Contact/home?filterName=00BWk000001AbCdEFG",
            "https://evil.example/lightning/o/Contact/list?filterName=00BWk000001AbCdEFG",
            "https://u:p@acme.lightning.force.com/lightning/o/Contact/list?filterName=00BWk000001AbCdEFG",
        ] {
            assert!(!page(other), "{other}");
        }
    }

    #[test]
    fn ids_cannot_inject_path_segments() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        assert!(l
            .record_url("Account", "../../evil?x=1")
            .ends_with("/Account/evilx1/view"));
    }

    /// The JSON inside a search page address.
    fn page_of(url: &str) -> serde_json::Value {
        let url = Url::parse(url).expect(url);
        let json = base64::engine::general_purpose::STANDARD
            .decode(url.fragment().expect("a fragment"))
            .expect("base64");
        assert!(json.is_ascii(), "the JSON is ASCII");
        serde_json::from_slice(&json).expect("JSON")
    }

    #[test]
    fn the_search_page_is_lightnings_own_with_the_term_inside_its_json() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        let url = l.search_url("acme");
        assert!(
            url.starts_with("https://acme.lightning.force.com/one/one.app#"),
            "{url}"
        );
        assert_eq!(
            page_of(&url),
            serde_json::json!({
                "componentDef": "forceSearch:searchPageDesktop",
                "attributes": {"term": "acme", "scopeMap": {"type": "TOP_RESULTS"}, "groupId": "DEFAULT"},
                "state": {}
            })
        );
    }

    #[test]
    fn no_term_can_change_what_the_search_page_address_means() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        for term in [
            "O'Brien \"and\" sons",
            "R&D?x=1&y=2",
            "#fragment / path",
            "Zoë Ørsted",
            "東京 😀",
            "\\u0041 \\\" } ] \n\t",
            "%2F%23%26 +=",
            "</script><b>",
        ] {
            let url = l.search_url(term);
            let parsed = Url::parse(&url).expect(&url);
            assert_eq!(parsed.host_str(), Some("acme.lightning.force.com"), "{term}");
            assert_eq!(parsed.path(), "/one/one.app", "{term}");
            assert_eq!(parsed.query(), None, "{term}");
            let fragment = parsed.fragment().expect("fragment");
            assert!(
                fragment.chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
                "only base64 in the fragment: {fragment}"
            );
            assert_eq!(
                page_of(&url)["attributes"]["term"],
                term,
                "the term comes back as typed"
            );
            assert_eq!(parsed.as_str(), url, "the address is already in its parsed form");
            assert!(l.is_search_page(&parsed), "{term}");
        }
    }

    #[test]
    fn only_our_search_page_of_the_org_is_a_search_page() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        let page = |u: &str| l.is_search_page(&Url::parse(u).expect(u));
        let ours = l.search_url("acme");
        assert!(page(&ours));
        let fragment = ours.split_once('#').expect("fragment").1;
        let encode = |json: serde_json::Value| base64::engine::general_purpose::STANDARD.encode(json.to_string());
        let other_component = encode(serde_json::json!({
            "componentDef": "one:alohaPage",
            "attributes": {"term": "acme", "scopeMap": {"type": "TOP_RESULTS"}, "groupId": "DEFAULT"},
            "state": {}
        }));
        let extra_attribute = encode(serde_json::json!({
            "componentDef": "forceSearch:searchPageDesktop",
            "attributes": {"term": "acme", "scopeMap": {"type": "TOP_RESULTS"}, "groupId": "DEFAULT", "address": "https://evil.example"},
            "state": {}
        }));
        for other in [
            format!("https://acme.lightning.force.com/one/one.app?x=1#{fragment}"),
            format!("https://acme.lightning.force.com/one/one.app/x#{fragment}"),
            format!("https://acme.lightning.force.com/one/one.app#{fragment}x"),
            format!("https://acme.lightning.force.com/one/one.app#{other_component}"),
            format!("https://acme.lightning.force.com/one/one.app#{extra_attribute}"),
            format!("https://u:p@acme.lightning.force.com/one/one.app#{fragment}"),
            format!("https://evil.lightning.force.com/one/one.app#{fragment}"),
            format!("http://acme.lightning.force.com/one/one.app#{fragment}"),
            format!("https://acme.my.salesforce.com/one/one.app#{fragment}"),
            "https://acme.lightning.force.com/one/one.app".to_string(),
            "https://acme.lightning.force.com/one/one.app#/alohaRedirect/secur/logout.jsp".to_string(),
        ] {
            assert!(!page(&other), "{other}");
        }
        // Nor is a record page a search page, or the other way round.
        assert!(!page(&l.record_url("Account", "001Wk0000000001IAA")));
        assert!(!l.is_record_page(&Url::parse(&ours).expect("ours")));
    }
}
