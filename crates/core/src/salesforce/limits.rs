//! The org's daily API allocation as Salesforce reports it on every REST answer:
//! `Sforce-Limit-Info: api-usage=10018/100000` (API-NOTES §5, "Limit Info Header").

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ApiUsage {
    pub used: u64,
    pub limit: u64,
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
    fn ignores_garbage() {
        assert_eq!(parse_limit_info("per-app-api-usage=17/250(appName=x)"), None);
        assert_eq!(parse_limit_info("api-usage=x/y"), None);
        assert_eq!(parse_limit_info(""), None);
    }
}
