//! The command line's help in French. clap writes its help from the English doc comments in
//! `args`; for a French-speaking person `help_in` lays these tables over them, command by
//! command, with French headings, so `--help` speaks the language the commands will speak.

use crate::api::localize::Lang;
use clap::{Arg, ArgAction};

/// French help, command by command (the path of subcommand names, then the text). The English
/// is the doc comments in `args`; clap's own error messages stay English.
const FR_ABOUT: &[(&[&str], &str)] = &[
    (
        &[],
        "Votre org Salesforce sur votre bureau : recherche unifiée et Mes vues CRM.",
    ),
    (
        &["search"],
        "Rechercher des pistes, comptes, contacts, opportunités, fichiers, rapports, tableaux de bord et cas.",
    ),
    (
        &["views"],
        "Mes vues CRM : lister, activer, désactiver et afficher des vues de liste.",
    ),
    (
        &["views", "types"],
        "Les types d’objets dotés de vues de liste que cet utilisateur Salesforce peut ouvrir.",
    ),
    (
        &["views", "list"],
        "Les vues de liste proposées pour OBJECT, les vues activées marquées.",
    ),
    (
        &["views", "enable"],
        "Activer une vue de liste (deux au plus par type d’objet).",
    ),
    (
        &["views", "disable"],
        "Désactiver une vue de liste (il en reste toujours une).",
    ),
    (
        &["views", "show"],
        "Les enregistrements des vues activées (ou de VIEW_ID).",
    ),
    (
        &["connect"],
        "Connecter votre identifiant Salesforce (navigateur avec redirection locale, ou --device).",
    ),
    (&["status"], "Afficher l’état de la connexion (jamais un jeton)."),
    (
        &["disconnect"],
        "Révoquer la connexion chez Salesforce et l’oublier ici.",
    ),
    (
        &["demo-org"],
        "Lancer seule l’organisation de démonstration : un Salesforce local de substitution.",
    ),
    (&["policy"], "Pour les administrateurs : le fichier de politique."),
    (
        &["policy", "check"],
        "Valider un fichier de politique et expliquer chaque erreur.",
    ),
    (
        &["identity"],
        "Votre e-mail professionnel, que la politique de votre administrateur utilise pour décider de l’accès.",
    ),
];

const FR_ARG: &[(&[&str], &str, &str)] = &[
    (&[], "demo", "Ouvrir la fenêtre sur l’organisation de démonstration intégrée au lieu de Salesforce."),
    (&[], "url", "Un lien `workstation://` transmis par le système (la redirection OAuth) ; il va à la fenêtre ouverte, ou celle-ci le vérifie."),
    (&["search"], "json", "Sortie JSON : {\"term\": ..., \"results\": [...]}."),
    (&["search"], "limit", "Au plus N résultats en tout (40 par défaut ; 25 avec --type)."),
    (&["search"], "object", "Rechercher un seul type d’objet, avec une limite plus grande (le « Plus de résultats » de la fenêtre) : Lead, Account (Compte), Contact, Opportunity (Opportunité), File (Fichier), Report (Rapport), Dashboard (Tableau de bord) ou Case (Cas)."),
    (&["connect"], "device", "Utiliser le flux appareil : afficher un code à approuver sur un autre appareil."),
    (&["demo-org"], "latency_ms", "Retarder chaque réponse de Salesforce de ce nombre de millisecondes."),
    (&["demo-org"], "token", "Émettre d’avance ce jeton d’accès pour l’utilisateur de démonstration (scripts et tests)."),
    (&["identity"], "email", "L’e-mail à enregistrer ; `--clear` le retire ; rien ne l’affiche."),
    (&["identity"], "clear", "Retirer l’e-mail enregistré."),
    (&["search"], "term", "Ce que vous cherchez (2 caractères au moins), comme dans la zone de recherche de la fenêtre."),
    (&["status"], "json", "Sortie JSON : {\"state\", \"user\", \"username\", \"org\", \"org_id\", \"instance_url\", \"reason\", \"api_usage\", \"source\"}."),
    (&["demo-org"], "addr", "Où écouter (port 0 : un port libre ; la première ligne dit lequel)."),
    (&["demo-org"], "rotate_refresh_tokens", "Rotation des jetons d’actualisation, comme le recommande le Health Check de Salesforce : chaque actualisation donne un nouveau jeton, et un jeton déjà utilisé présenté à nouveau révoque les jetons de l’utilisateur."),
    (&["demo-org"], "scopes", "Les autorisations OAuth sélectionnées de l’application connectée de démonstration, séparées par des espaces (par défaut : \"full api refresh_token offline_access\") ; une connexion qui en demande une autre est refusée."),
    (&["demo-org"], "tls", "Servir en HTTPS (la première ligne dit https://) avec un certificat d’une autorité de certification jetable créée au démarrage, à laquelle rien ne se fie tant qu’on ne le lui dit pas."),
    (&["demo-org"], "ca_out", "Avec --tls : écrire le certificat de cette autorité (PEM) dans FILE, pour les clients qui doivent s’y fier (par ex. SSL_CERT_FILE sous Linux)."),
    (&["demo-org"], "seed", "Graine des enregistrements générés (même graine, même org)."),
    (&["demo-org"], "user", "Qui se connecte, sauf choix contraire sur la page d’approbation, et à qui est le jeton émis d’avance : `demo` voit tout ; `restricted` n’a accès ni à Case ni à Opportunity et ne voit ni Account.Type ni Lead.Company ; `noapi` n’a pas accès à l’API."),
    (&["views", "types"], "json", "Sortie JSON : {\"types\": [\"Account\", …]} (noms d’API, dans l’ordre du widget)."),
    (&["views", "list"], "object", OBJECT_FR),
    (&["views", "list"], "json", "Sortie JSON : {\"object\", \"total\", \"offered\": [{\"id\", \"label\", \"enabled\"}]}."),
    (&["views", "enable"], "object", OBJECT_FR),
    (&["views", "enable"], "view_id", VIEW_ID_FR),
    (&["views", "disable"], "object", OBJECT_FR),
    (&["views", "disable"], "view_id", VIEW_ID_FR),
    (&["views", "show"], "object", OBJECT_FR),
    (&["views", "show"], "view_id", "L’ID d’une vue de liste à la place des vues activées."),
    (&["views", "show"], "json", "Sortie JSON : {\"object\", \"views\": [{\"object\", \"view_id\", \"label\", \"total\", \"offset\", \"columns\", \"rows\"}]}."),
    (&["views", "show"], "limit", "Lignes par vue de liste."),
    (&["views", "show"], "offset", "Lignes à sauter d’abord (pagination)."),
    (&["views", "show"], "sort", "Trier selon cette colonne (le nom d’API de son champ tel que `--json` l’affiche, par ex. Name ou Account.Name), par ordre croissant, comme Salesforce trie."),
    (&["views", "show"], "desc", "Avec --sort : par ordre décroissant."),
    (&["policy", "check"], "file", "Le fichier de politique (JSON)."),
];
const OBJECT_FR: &str = "Lead (Piste), Account (Compte), Contact, Opportunity (Opportunité) ou Case (Cas).";
const VIEW_ID_FR: &str = "L’ID de la vue de liste (15 ou 18 caractères), tel que `views list` l’affiche.";

/// `cmd` with its help in `lang`.
pub(super) fn help_in(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang != Lang::Fr {
        return cmd;
    }
    fn at(cmd: clap::Command, path: &[&str], f: &dyn Fn(clap::Command) -> clap::Command) -> clap::Command {
        match path.split_first() {
            None => f(cmd),
            Some((first, rest)) => cmd.mut_subcommand(*first, |sub| at(sub, rest, f)),
        }
    }
    /// The headings and the help flag clap writes itself, for this command and all below it.
    fn frame(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        let mut cmd = cmd
            .help_template("{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("Commandes")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Afficher l’aide"),
            );
        for name in names {
            cmd = cmd.mut_subcommand(name, frame);
        }
        cmd
    }
    let mut cmd = frame(cmd).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Afficher la version"),
    );
    for (path, text) in FR_ABOUT {
        cmd = at(cmd, path, &|c| c.about(*text));
    }
    for (path, id, text) in FR_ARG {
        cmd = at(cmd, path, &|c| c.mut_arg(*id, |a| a.help(*text)));
    }
    cmd
}
