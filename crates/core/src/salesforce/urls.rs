//! Where a record opens: the Lightning record page `/lightning/r/{sObject}/{id}/view`
//! (API-NOTES §6) on the org's Lightning host, derived from `instance_url`.

use url::Url;

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

    pub fn base(&self) -> &str {
        &self.base
    }

    /// True for exactly the pages [`RecordLinks::record_url`] makes: `/lightning/r/{sObject}/{id}/view`
    /// on this org's Lightning origin (scheme, host and port), an sObject's API name and a 15-
    /// or 18-character record ID, with nothing else (no credentials, query or fragment). Any
    /// other page of the org (Setup, a logout, the REST API) is not one of these.
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
    fn ids_cannot_inject_path_segments() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        assert!(l
            .record_url("Account", "../../evil?x=1")
            .ends_with("/Account/evilx1/view"));
    }
}
