//! The org's daily API allocation as Salesforce reports it on every REST answer:
//! `Sforce-Limit-Info: api-usage=10018/100000` (API-NOTES §5, "Limit Info Header").

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ApiUsage {
    pub used: u64,
    pub limit: u64,
}

/// From this share of the day's API requests used (in percent), the org's allocation is
/// running low: Workstation searches Salesforce less often, and says so, until the count resets
/// (the rest of the day belongs to the org's other users and integrations too).
pub const RUNNING_LOW_PERCENT: u64 = 80;

impl ApiUsage {
    /// The share of the day's requests used, in whole percent (rounded down; 100 when the
    /// limit reported is zero and something was used).
    pub fn percent(&self) -> u64 {
        match self.limit {
            0 if self.used > 0 => 100,
            0 => 0,
            limit => self.used.saturating_mul(100) / limit,
        }
    }

    /// Whether at least [`RUNNING_LOW_PERCENT`] of the day's requests are used.
    pub fn running_low(&self) -> bool {
        self.percent() >= RUNNING_LOW_PERCENT
    }
}

/// Reads `api-usage=U/L` from the header value; other parts (`api-bursts`, the pilot
/// `per-app-api-usage`) are ignored.
pub fn parse_limit_info(value: &str) -> Option<ApiUsage> {
    value.split(';').find_map(|part| {
        let rest = part.trim().strip_prefix("api-usage=")?;
        let (used, limit) = rest.split_once('/')?;
        Some(ApiUsage {
            used: used.trim().parse().ok()?,
            limit: limit.trim().parse().ok()?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_api_usage() {
        assert_eq!(
            parse_limit_info("api-usage=18/5000"),
            Some(ApiUsage { used: 18, limit: 5000 })
        );
        assert_eq!(
            parse_limit_info("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-app)"),
            Some(ApiUsage { used: 25, limit: 5000 })
        );
        assert_eq!(
            parse_limit_info("api-bursts=1/750; api-usage=10018/100000"),
            Some(ApiUsage {
                used: 10018,
                limit: 100000
            })
        );
    }

    #[test]
    fn eighty_percent_used_is_running_low() {
        let at = |used| ApiUsage { used, limit: 15_000 };
        assert!(!at(11_999).running_low(), "79.99 %");
        assert!(at(12_000).running_low());
        assert_eq!(at(12_600).percent(), 84);
        assert!(at(16_000).running_low(), "over the allocation");
        assert!(!ApiUsage { used: 0, limit: 0 }.running_low());
    }

    #[test]
    fn ignores_garbage() {
        assert_eq!(parse_limit_info("per-app-api-usage=17/250(appName=x)"), None);
        assert_eq!(parse_limit_info("api-usage=x/y"), None);
        assert_eq!(parse_limit_info(""), None);
    }
}
