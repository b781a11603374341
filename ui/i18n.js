// The window's words in English and French. The core decides the language (Settings →
// General, else the OS locale) and sends its own texts already translated; this holds the
// UI's words and Salesforce's labels for object types and fields.

const DICT = {
  en: {
    'search.label': 'Search Salesforce',
    'search.placeholder': 'Search Salesforce — Leads, Accounts, Contacts, Opportunities, Files, Reports, Dashboards, Cases',
    'settings.emailPlaceholder': 'you@company.com',
    'search.heading': 'Search',
    'search.results': 'Search results',
    'search.hint': 'Type at least {min} characters to search Salesforce.',
    'search.searching': 'Searching Salesforce for “{text}”…',
    'search.count.one': '{n} result for “{text}”',
    'search.count.other': '{n} results for “{text}”',
    'search.none': 'No Salesforce results for “{text}”.',
    'search.notSearchable': ' ({objects} cannot be searched in this org.)',
    'search.hiddenFields': ' (This Salesforce user cannot see: {fields}.)',
    'search.nothingToOpen': 'Nothing to open: no Salesforce results for “{text}”.',
    'search.stillWaiting': 'Still waiting for Salesforce to answer “{text}”…',
    'search.cancel': 'Cancel',
    'search.cancelled': 'Stopped waiting for “{text}”.',
    'search.retry': 'Try again',
    'search.copied': 'Copied.',
    'search.action.menu': 'Actions on {title}',
    'search.action.open': 'Open in Salesforce',
    'search.action.copyLink': 'Copy link',
    'search.action.copyId': 'Copy record ID',
    'search.untitled': '(untitled)',
    'search.recent': 'recent',
    'settings.open': 'Settings',
    'home.notAvailable': 'Salesforce is not available for you. See Settings → Integrations.',
    'home.notConnected': 'Connect Salesforce in Settings → Integrations to search your records.',
    'home.connecting': 'Connecting to Salesforce…',
    'home.needsAttention': 'Salesforce needs attention: reconnect in Settings → Integrations.',
    'home.openIntegrations': 'Open Settings → Integrations',
    'views.heading': 'My CRM Views',
    'views.typeButton': 'Object type: {type}',
    'views.edit': 'Edit',
    'views.loading': 'Loading your list views…',
    'views.noTypes': 'Your org has no list views for these object types.',
    'views.loadingType': 'Loading {object} list views…',
    'views.records.one': '{n} record',
    'views.records.other': '{n} records',
    'views.empty': 'No records in this list view.',
    'views.open': 'Open in Salesforce',
    'views.previous': 'Previous',
    'views.next': 'Next',
    'views.beyond': 'Salesforce pages a list view here only up to its {limit}th record.',
    'views.beyondOpen': 'Open the rest in Salesforce',
    'views.retry': 'Retry',
    'views.typesAsOf': 'Object types as of {time}.',
    'views.range': '{from}–{to}',
    'views.noTypeMatch': 'No object type matches “{text}”.',
    'views.findType': 'Find an object type',
    'views.editType': 'Edit {object} list views',
    'views.editorTitle': 'Edit My CRM Views',
    'views.done': 'Done',
    'views.filter': 'Filter {object} list views',
    'views.choose': '{object}: choose up to {max} list views',
    'views.offered': '{total} list views in your org; the first {shown} are offered.',
    'views.cancel': 'Cancel',
    'views.save': 'Save',
    'views.saved': '{object} list views saved.',
    'views.quickFilter': 'Filter the rows shown',
    'views.quickCount': '{shown} of {all} rows match',
    'views.quickNone': 'No row of this page matches “{text}”.',
    'settings.back': '← Back',
    'settings.heading': 'Settings',
    'settings.integrations': 'Integrations',
    'settings.general': 'General',
    'settings.email': 'Your work e-mail',
    'settings.emailHelp': 'Your organisation’s Workstation owner may enable Salesforce for some people only; this is how the app knows who you are.',
    'settings.save': 'Save',
    'settings.saved': 'Saved.',
    'settings.savedValue': 'Saved: {value}',
    'settings.shortcut': 'Shortcut for the quick-search palette',
    'settings.shortcutHelp': 'Opens a small search window over whatever app you are in: pinned and recent records at once, results as you type, Enter opens, Escape closes. Example: CommandOrControl+Shift+Space.',
    'settings.language': 'Language',
    'settings.theme': 'Theme',
    'settings.system': 'System',
    'settings.light': 'Light',
    'settings.dark': 'Dark',
    'about.version': 'Version',
    'about.demo': ' (demo org)',
    'about.data': 'Data folder',
    'about.logs': 'Logs',
    'card.notAvailable': 'Not available',
    'card.notConnected': 'Not connected',
    'card.connecting': 'Connecting…',
    'card.connected': 'Connected',
    'card.needsAttention': 'Needs attention',
    'card.why': 'Connect your Salesforce login to search your records and see your list views.',
    'card.connect': 'Connect',
    'card.useCode': 'Use a code instead',
    'card.cancel': 'Cancel',
    'card.disconnect': 'Disconnect',
    'card.reconnect': 'Reconnect',
    'card.openOn': 'On any device, open',
    'card.enterCode': 'and enter this code:',
    'card.approve': 'Approve the connection in your browser, then come back here.',
    'card.connectedAs': 'Connected as {name}',
    'card.org': 'Org: {org}',
    'card.lastConnected': 'Last connected as {name} ({username}).',
    'toast.close': 'Close',
    'colon': ': ',
  },
  fr: {
    'search.label': 'Rechercher dans Salesforce',
    'search.placeholder': 'Rechercher : Leads, Comptes, Contacts, Opportunités, Fichiers, Rapports, Tableaux de bord, Cas',
    'settings.emailPlaceholder': 'vous@entreprise.fr',
    'search.heading': 'Recherche',
    'search.results': 'Résultats de la recherche',
    'search.hint': 'Saisissez au moins {min} caractères pour rechercher dans Salesforce.',
    'search.searching': 'Recherche de « {text} » dans Salesforce…',
    'search.count.one': '{n} résultat pour « {text} »',
    'search.count.other': '{n} résultats pour « {text} »',
    'search.none': 'Aucun résultat Salesforce pour « {text} ».',
    'search.notSearchable': ' (Impossible de rechercher dans cette organisation : {objects}.)',
    'search.hiddenFields': ' (Cet utilisateur Salesforce ne voit pas : {fields}.)',
    'search.nothingToOpen': 'Rien à ouvrir : aucun résultat Salesforce pour « {text} ».',
    'search.stillWaiting': 'Salesforce n’a pas encore répondu pour « {text} »…',
    'search.cancel': 'Annuler',
    'search.cancelled': 'Attente abandonnée pour « {text} ».',
    'search.retry': 'Réessayer',
    'search.copied': 'Copié.',
    'search.action.menu': 'Actions sur {title}',
    'search.action.open': 'Ouvrir dans Salesforce',
    'search.action.copyLink': 'Copier le lien',
    'search.action.copyId': 'Copier l’ID de l’enregistrement',
    'search.untitled': '(sans titre)',
    'search.recent': 'récent',
    'settings.open': 'Paramètres',
    'home.notAvailable': 'Salesforce n’est pas disponible pour vous. Voir Paramètres → Intégrations.',
    'home.notConnected': 'Connectez Salesforce dans Paramètres → Intégrations pour rechercher vos enregistrements.',
    'home.connecting': 'Connexion à Salesforce…',
    'home.needsAttention': 'Salesforce demande votre attention : reconnectez-vous dans Paramètres → Intégrations.',
    'home.openIntegrations': 'Ouvrir Paramètres → Intégrations',
    'views.heading': 'Mes vues CRM',
    'views.typeButton': 'Type d’objet : {type}',
    'views.edit': 'Modifier',
    'views.loading': 'Chargement de vos vues de liste…',
    'views.noTypes': 'Votre organisation n’a pas de vue de liste pour ces types d’objet.',
    'views.loadingType': 'Chargement des vues de liste ({object})…',
    'views.records.one': '{n} enregistrement',
    'views.records.other': '{n} enregistrements',
    'views.empty': 'Aucun enregistrement dans cette vue de liste.',
    'views.open': 'Ouvrir dans Salesforce',
    'views.previous': 'Précédent',
    'views.next': 'Suivant',
    'views.beyond': 'Salesforce ne pagine ici une vue de liste que jusqu’à son {limit}e enregistrement.',
    'views.beyondOpen': 'Voir la suite dans Salesforce',
    'views.retry': 'Réessayer',
    'views.typesAsOf': 'Types d’objets au {time}.',
    'views.range': '{from} à {to}',
    'views.noTypeMatch': 'Aucun type d’objet ne correspond à « {text} ».',
    'views.findType': 'Trouver un type d’objet',
    'views.editType': 'Modifier les vues de liste ({object})',
    'views.editorTitle': 'Modifier Mes vues CRM',
    'views.done': 'Terminé',
    'views.filter': 'Filtrer les vues de liste ({object})',
    'views.choose': '{object} : choisissez jusqu’à {max} vues de liste',
    'views.offered': '{total} vues de liste dans votre organisation ; les {shown} premières sont proposées.',
    'views.cancel': 'Annuler',
    'views.save': 'Enregistrer',
    'views.saved': 'Vues de liste enregistrées ({object}).',
    'views.quickFilter': 'Filtrer les lignes affichées',
    'views.quickCount': '{shown} lignes sur {all} correspondent',
    'views.quickNone': 'Aucune ligne de cette page ne correspond à « {text} ».',
    'settings.back': '← Retour',
    'settings.heading': 'Paramètres',
    'settings.integrations': 'Intégrations',
    'settings.general': 'Général',
    'settings.email': 'Votre adresse e-mail professionnelle',
    'settings.emailHelp': 'Le responsable de Workstation dans votre organisation peut réserver Salesforce à certaines personnes ; c’est ainsi que l’application sait qui vous êtes.',
    'settings.save': 'Enregistrer',
    'settings.saved': 'Enregistré.',
    'settings.savedValue': 'Enregistré : {value}',
    'settings.shortcut': 'Raccourci de la palette de recherche rapide',
    'settings.shortcutHelp': 'Ouvre une petite fenêtre de recherche par-dessus l’application utilisée : enregistrements épinglés et récents tout de suite, résultats pendant la saisie, Entrée pour ouvrir, Échap pour fermer. Exemple : CommandOrControl+Shift+Space.',
    'settings.language': 'Langue',
    'settings.theme': 'Thème',
    'settings.system': 'Système',
    'settings.light': 'Clair',
    'settings.dark': 'Sombre',
    'about.version': 'Version',
    'about.demo': ' (organisation de démonstration)',
    'about.data': 'Dossier des données',
    'about.logs': 'Journaux',
    'card.notAvailable': 'Non disponible',
    'card.notConnected': 'Non connecté',
    'card.connecting': 'Connexion…',
    'card.connected': 'Connecté',
    'card.needsAttention': 'À vérifier',
    'card.why': 'Connectez votre identifiant Salesforce pour rechercher vos enregistrements et voir vos vues de liste.',
    'card.connect': 'Connecter',
    'card.useCode': 'Utiliser un code',
    'card.cancel': 'Annuler',
    'card.disconnect': 'Déconnecter',
    'card.reconnect': 'Reconnecter',
    'card.openOn': 'Sur n’importe quel appareil, ouvrez',
    'card.enterCode': 'et saisissez ce code :',
    'card.approve': 'Approuvez la connexion dans votre navigateur, puis revenez ici.',
    'card.connectedAs': 'Connecté en tant que {name}',
    'card.org': 'Organisation : {org}',
    'card.lastConnected': 'Dernière connexion en tant que {name} ({username}).',
    'toast.close': 'Fermer',
    'colon': '\u00a0: ',
  },
};

// Salesforce's own labels (object types singular and plural, the fields results show) and the
// views rule's numbers come from the core with Settings: the UI keeps no table of its own.
// Newer words come from the core too (`words`, api/localize): t() looks there first.
let vocabulary = { objects: {}, fields: {}, max_enabled: 2, max_offered: 80, min_term_chars: 2, more_per_object: 25, words: {} };

let lang = 'en';
const listeners = [];

export function getLang() { return lang; }

/// The core's resolved language ('en' | 'fr') and its vocabulary: everything on screen
/// follows at once.
export function setLang(next, words) {
  lang = DICT[next] ? next : 'en';
  if (words) vocabulary = words;
  document.documentElement.lang = lang;
  applyStatic();
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) { listeners.push(fn); }

// Why a search box cannot search, by the Salesforce card's state (the words of each window's
// home screen and of the palette).
const NO_SEARCH = {
  not_available: 'home.notAvailable',
  not_connected: 'home.notConnected',
  connecting: 'home.connecting',
  needs_attention: 'home.needsAttention',
};
export function whyNoSearch(state) { return t(NO_SEARCH[state]); }

export function t(key, params = {}) {
  const text = vocabulary.words?.[key] ?? DICT[lang][key] ?? DICT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? `{${k}}`));
}

/// `key.one` or `key.other` for `n` (French counts 0 and 1 as singular).
export function tn(key, n, params = {}) {
  const one = lang === 'fr' ? n <= 1 : n === 1;
  return t(`${key}.${one ? 'one' : 'other'}`, { n: n.toLocaleString(lang), ...params });
}

export function objectLabel(name, plural = false) {
  const o = vocabulary.objects[name];
  return o ? o[plural ? 1 : 0] : name;
}

export function fieldLabel(api) { return vocabulary.fields[api] ?? api; }

/// The views rule: at most this many list views enabled per object type.
export function maxEnabled() { return vocabulary.max_enabled; }

/// Search asks Salesforce from this many characters on.
export function minTermChars() { return vocabulary.min_term_chars; }

/// A group's "More" asks for up to this many records of its type.
export function morePerObject() { return vocabulary.more_per_object; }

/// Static markup: data-i18n (text), data-i18n-placeholder, -aria-label, -title.
export function applyStatic(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    const data = `data-i18n-${attr}`;
    for (const node of root.querySelectorAll(`[${data}]`)) node.setAttribute(attr, t(node.getAttribute(data)));
  }
}
