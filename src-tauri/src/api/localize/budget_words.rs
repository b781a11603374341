//! What Settings says when the org's daily API allocation runs low: the person learns why
//! Salesforce's results come a little later while they type.

use super::Lang;
use crate::salesforce::limits::ApiUsage;

/// The sentence for an org that has used `usage` of its day ([`ApiUsage::running_low`]).
pub fn api_running_low(usage: &ApiUsage, lang: Lang) -> String {
    let percent = usage.percent();
    match lang {
        Lang::En => format!(
            "Your org has used {percent}% of today’s Salesforce API requests: Workstation searches Salesforce less often until the count resets."
        ),
        Lang::Fr => format!(
            "Votre org a utilisé {percent}\u{a0}% des requêtes d’API Salesforce du jour : Workstation interroge Salesforce moins souvent jusqu’à la remise à zéro du compteur."
        ),
    }
}
