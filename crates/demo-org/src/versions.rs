//! The REST API versions the demo org speaks, Summer '14 (v31.0) to Winter '25 (v62.0): the
//! Versions resource, reading `vXX.X` from a path, and the wire differences between versions.
//! Both the REST endpoints and the identity service (its `urls`) need the latest version, so it
//! lives here, below both, rather than in either.

use axum::response::Response;

use crate::http::json_resp;
use crate::json::J;

pub const LATEST_VERSION: &str = "62.0";
/// Up to v35.0 the search resource answered a bare array; `{"searchRecords":[…]}` from v37.0
/// (the switch happened at v36.0 or v37.0 — rest_sosl_search_response_legacy_array_v35.source.md).
pub(crate) const SEARCH_RECORDS_SINCE: f64 = 36.0;

/// `GET /services/data/`: releases from Summer '14 (v31.0) to Winter '25 (v62.0).
pub(crate) fn versions() -> Response {
    let seasons = ["Winter", "Spring", "Summer"];
    let list: Vec<J> = (31..=62)
        .map(|v: i64| {
            // v20.0 = Winter '11; three releases a year.
            let k = v - 20;
            let label = format!("{} '{:02}", seasons[(k % 3) as usize], 11 + k / 3);
            J::obj([
                ("label", J::Str(label)),
                ("url", J::Str(format!("/services/data/v{v}.0"))),
                ("version", J::Str(format!("{v}.0"))),
            ])
        })
        .collect();
    json_resp(200, J::Arr(list).to_string())
}

pub(crate) fn parse_version(seg: &str) -> Option<(String, f64)> {
    let v = seg.strip_prefix('v')?;
    let (a, b) = v.split_once('.')?;
    if a.is_empty() || b.is_empty() || !a.bytes().all(|c| c.is_ascii_digit()) || !b.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some((v.to_string(), v.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_labels() {
        let r = versions();
        assert_eq!(r.status(), 200);
        let seasons = ["Winter", "Spring", "Summer"];
        let label = |v: i64| format!("{} '{:02}", seasons[((v - 20) % 3) as usize], 11 + (v - 20) / 3);
        assert_eq!(label(62), "Winter '25");
        assert_eq!(label(60), "Spring '24");
        assert_eq!(label(61), "Summer '24");
        assert!(parse_version("v62.0").is_some());
        assert!(parse_version("62.0").is_none());
        assert!(parse_version("vabc").is_none());
    }
}
