//! What the core noticed that is not an error (a damaged settings file set aside, a list
//! view that vanished), said once in the person's language.

use super::{object_label, Lang};
use crate::store::StoreNotice;
use crate::views::ViewsNotice;

/// Something the core noticed that is not an error, in the person's language.
pub trait Notice {
    fn text(&self, lang: Lang) -> String;
}

impl Notice for StoreNotice {
    fn text(&self, lang: Lang) -> String {
        match self {
            StoreNotice::SetAside { kept_as } => match lang {
                Lang::En => format!(
                    "Your saved settings could not be read and were set aside as {}; defaults apply.",
                    kept_as.display()
                ),
                Lang::Fr => format!(
                    "Vos paramètres enregistrés étaient illisibles ; ils ont été mis de côté sous {} et les valeurs par défaut s’appliquent.",
                    kept_as.display()
                ),
            },
        }
    }
}

impl Notice for ViewsNotice {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ViewsNotice::EnabledViewRemoved { object }, Lang::En) => {
                format!("A list view you had enabled for {object} no longer exists in Salesforce and was removed.")
            }
            (ViewsNotice::EnabledViewRemoved { object }, Lang::Fr) => format!(
                "Une vue de liste que vous aviez activée pour {} n’existe plus dans Salesforce ; elle a été retirée.",
                object_label(object, Lang::Fr)
            ),
            (ViewsNotice::EnabledViewsGone { object }, Lang::En) => {
                format!("The list views you had enabled for {object} no longer exist in Salesforce; a default is shown.")
            }
            (ViewsNotice::EnabledViewsGone { object }, Lang::Fr) => format!(
                "Les vues de liste que vous aviez activées pour {} n’existent plus dans Salesforce ; une vue par défaut est affichée.",
                object_label(object, Lang::Fr)
            ),
            (ViewsNotice::Store(n), lang) => n.text(lang),
        }
    }
}
