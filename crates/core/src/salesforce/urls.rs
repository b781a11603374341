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
    fn ids_cannot_inject_path_segments() {
        let l = RecordLinks::for_instance("https://acme.my.salesforce.com").expect("ok");
        assert!(l
            .record_url("Account", "../../evil?x=1")
            .ends_with("/Account/evilx1/view"));
    }
}
