//! My CRM Views as a demanding user finds it (issue 16 items 3, 4, 11, 12): the editor takes
//! the mouse, the table fits, a quick filter and a page size from the widget's height, the page
//! from 360 px wide — each in English and light, and in French and dark.

use crate::ui_harness::{journey_in, Ui, R};
use fantoccini::key::Key;
use serde_json::json;

/// The theme forced to dark through Settings → General, back on the home screen.
async fn dark(ui: &Ui) -> R {
    ui.click("#open-settings").await?;
    ui.click("#tab-general").await?;
    ui.choose("#theme-select", "dark").await?;
    ui.wait_js(
        "the dark theme",
        "return document.documentElement.dataset.theme === 'dark'",
    )
    .await?;
    ui.click("#close-settings").await?;
    ui.wait_views_loaded(None).await?;
    Ok(())
}

/// axe-core on the page as it is (as tests/ui/a11y.rs runs it): nothing serious or critical.
async fn no_serious_axe_violation(ui: &Ui, name: &str) -> R {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node_modules/axe-core/axe.min.js")
        });
    let axe = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let problems = ui.audit(&axe, name).await?;
    assert!(problems.is_empty(), "axe: {problems:#?}");
    Ok(())
}

/// The widget switched to `object` (its API name) with its records loaded.
async fn show_type(ui: &Ui, object: &str) -> R {
    ui.click("#views-type-button").await?;
    ui.click(&format!("#views-type-menu button[data-object={object}]"))
        .await?;
    ui.wait_js(
        &format!("the widget to show {object}"),
        &format!(
            r#"const s = [...document.querySelectorAll('#views-content section.view-section')];
               const label = document.getElementById('views-type-label').textContent;
               return document.querySelector('#views-type-menu').hidden && label !== '—'
                 && s.length > 0 && s.every(x => x.querySelectorAll('tbody tr').length > 0)
                 && [...document.querySelectorAll('#views-type-menu button[data-object={object}]')].length <= 1;"#
        ),
    )
    .await?;
    Ok(())
}

/// How a journey looks: its language (`LANG`), its theme, the prefix of its screenshots.
#[derive(Clone, Copy)]
struct Look {
    lang: &'static str,
    dark: bool,
    shot: &'static str,
    /// Salesforce's label for Account in that language.
    account: &'static str,
}

/// Long enough for the widget to follow a resize (it waits 250 ms for the last one).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(700);

const EN_LIGHT: Look = Look {
    lang: "C.UTF-8",
    dark: false,
    shot: "",
    account: "Account",
};
const FR_DARK: Look = Look {
    lang: "fr_FR.UTF-8",
    dark: true,
    shot: "fr-dark-",
    account: "Compte",
};

/// A journey's body, boxed so that the English and the French runs share it.
type Body = fn(Ui, Look) -> std::pin::Pin<Box<dyn std::future::Future<Output = R> + Send>>;

fn run(name: &str, look: Look, f: Body) {
    journey_in(name, look.lang, move |ui| async move {
        ui.wait_views_loaded(None).await?;
        if look.dark {
            dark(&ui).await?;
        }
        f(ui, look).await
    });
}

/// Item 3: the editor's switches sit clear of the list's scrollbar and take the click; the
/// header names the type being edited; a toggle moves no row and keeps the list's scroll;
/// hidden lock notes do not make the page scroll into blank space.
async fn editor_fights_no_mouse(ui: Ui, look: Look) -> R {
    show_type(&ui, "Lead").await?;
    ui.click("#views-type-button").await?;
    ui.click("#views-edit").await?;
    ui.wait_for("#views-type-filter").await?.send_keys("Account").await?;
    ui.click("#views-type-list li[data-object=Account] button.pencil")
        .await?;
    ui.wait_for("#views-list li[data-view]").await?;
    ui.wait_for("#views-save").await?;
    let label = ui
        .js("return document.getElementById('views-type-label').textContent")
        .await?;
    assert_eq!(label, look.account, "the header names the type being edited");

    let clear = ui
        .js(
            r#"const ul = document.getElementById('views-list'); const box = ul.getBoundingClientRect();
               const sw = [...ul.querySelectorAll('input[role=switch]')].map(i => i.getBoundingClientRect());
               return { scrolls: ul.scrollHeight > ul.clientHeight + 20, right: box.right, n: sw.length,
                        worst: Math.max(...sw.map(s => s.right)), smallest: Math.min(...sw.map(s => s.width)) };"#,
        )
        .await?;
    assert_eq!(clear["scrolls"], true, "Account's 80 list views scroll: {clear}");
    let (right, worst) = (
        clear["right"].as_f64().unwrap_or(0.0),
        clear["worst"].as_f64().unwrap_or(1e9),
    );
    assert!(
        worst <= right - 12.0,
        "every switch sits clear of the list's scrollbar: {clear}"
    );

    // Half-way down the list, a switch the mouse turns on.
    let pick = ui
        .js(r#"const ul = document.getElementById('views-list');
               ul.scrollTop = Math.round((ul.scrollHeight - ul.clientHeight) / 2);
               const box = ul.getBoundingClientRect();
               const li = [...ul.querySelectorAll('li[data-view]')].find(li => {
                 const r = li.getBoundingClientRect(); const i = li.querySelector('input');
                 return r.top > box.top + 60 && r.bottom < box.bottom - 20 && !i.checked && !i.disabled; });
               return li ? li.dataset.view : null;"#)
        .await?;
    let pick = pick
        .as_str()
        .ok_or("a switch to turn on half-way down the list")?
        .to_string();
    let at = r#"const ul = document.getElementById('views-list');
                return { scroll: ul.scrollTop,
                         rows: [...ul.querySelectorAll('li[data-view]')].map(li => Math.round(li.getBoundingClientRect().top)),
                         save: Math.round(document.getElementById('views-save').getBoundingClientRect().top),
                         hint: (document.getElementById('views-lock-hint') || {}).textContent || '' };"#;
    let before = ui.js(at).await?;
    assert!(
        ui.js(&format!(
            "const i = document.getElementById('toggle-{pick}'); const r = i.getBoundingClientRect();
             return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === i;"
        ))
        .await?
            == json!(true),
        "the switch itself is under the mouse, not a scrollbar"
    );
    ui.toggle(&pick, true).await?;
    let after = ui.js(at).await?;
    assert_eq!(after["scroll"], before["scroll"], "the list kept its scroll");
    assert_eq!(
        after["rows"], before["rows"],
        "no row moved when the lock hint appeared"
    );
    assert_eq!(after["save"], before["save"], "Save did not move");
    assert!(
        !after["hint"].as_str().unwrap_or_default().trim().is_empty(),
        "the hint says why the other switches are locked: {after}"
    );
    ui.screenshot(&format!("{}views-editor-switches", look.shot)).await?;
    no_serious_axe_violation(&ui, &format!("{}views-editor-switches", look.shot)).await?;

    // The page ends where its content does: no blank screens below, the top bar stays.
    let page = ui
        .js(r#"window.scrollTo(0, document.documentElement.scrollHeight);
               const d = document.documentElement; const home = document.getElementById('home').getBoundingClientRect();
               return { extra: d.scrollHeight - Math.max(window.innerHeight, Math.ceil(home.bottom + window.scrollY)),
                        bar: document.querySelector('.topbar').getBoundingClientRect().top };"#)
        .await?;
    assert!(
        page["extra"].as_f64().unwrap_or(1e9) <= 2.0,
        "no blank space below the page: {page}"
    );
    assert!(page["bar"].as_f64().unwrap_or(-1.0) >= 0.0, "the top bar stays: {page}");

    // Cancel comes back to the type edited.
    ui.click("#views-cancel").await?;
    ui.wait_views_loaded(Some(look.account)).await?;
    Ok(())
}

#[test]
fn the_views_editor_takes_the_mouse() {
    run("views-editor-mouse", EN_LIGHT, |ui, look| {
        Box::pin(editor_fights_no_mouse(ui, look))
    });
}

#[test]
fn the_views_editor_takes_the_mouse_in_french_and_dark() {
    run("fr-dark-views-editor-mouse", FR_DARK, |ui, look| {
        Box::pin(editor_fights_no_mouse(ui, look))
    });
}

/// The table as it is laid out: fixed layout, widths, what is cut and how it says so.
const TABLE: &str = r#"const s = document.querySelector('#views-content section.view-section');
   const table = s.querySelector('table'); const wrap = s.querySelector('.table-wrap'); const frame = s.querySelector('.table-frame');
   const cells = [...s.querySelectorAll('th, td')];
   const cut = cells.filter(c => c.scrollWidth > c.clientWidth + 1);
   return { layout: getComputedStyle(table).tableLayout,
            widths: [...s.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().width)),
            cut: cut.length,
            cutUnsaid: cut.filter(c => getComputedStyle(c).textOverflow !== 'ellipsis' || c.title !== c.textContent).map(c => c.textContent),
            untitled: [...s.querySelectorAll('td')].filter(c => c.textContent && c.title !== c.textContent).length,
            sideways: wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false,
            scrollbar: wrap ? wrap.offsetHeight - wrap.clientHeight : 0,
            moreRight: frame ? frame.classList.contains('more-right') : false,
            moreLeft: frame ? frame.classList.contains('more-left') : false,
            range: s.querySelector('h3 .count').textContent,
            sorted: [...s.querySelectorAll('thead th[aria-sort]')].map(th => [th.textContent, th.getAttribute('aria-sort')]) };"#;

/// Item 4: the list view table fits the widget at 1280 and 1920 wide.
async fn table_fits(ui: Ui, look: Look) -> R {
    for (w, h) in [(1280, 800), (1920, 1080)] {
        ui.client.set_window_size(w, h).await?;
        tokio::time::sleep(SETTLE).await;
        ui.wait_js(
            &format!("a {w} px wide page"),
            &format!("return window.innerWidth >= {w} - 20"),
        )
        .await?;
        show_type(&ui, "Lead").await?;
        let first = ui.js(TABLE).await?;
        assert_eq!(first["layout"], "fixed", "{w}: {first}");
        assert_eq!(
            first["cutUnsaid"],
            json!([]),
            "{w}: every cut value ends with … and has its title: {first}"
        );
        assert_eq!(first["untitled"], 0, "{w}: every value is whole on hover: {first}");
        if first["sideways"] == json!(true) {
            assert_eq!(
                first["moreRight"], true,
                "{w}: a sign there is more on the right: {first}"
            );
            assert!(
                first["scrollbar"].as_f64().unwrap_or(0.0) >= 6.0,
                "{w}: a drawn scrollbar: {first}"
            );
            ui.js("const w = document.querySelector('#views-content .table-wrap'); w.scrollLeft = w.scrollWidth; return true")
                .await?;
            ui.wait_js(
                "the sign on the left once scrolled to the end",
                "const f = document.querySelector('#views-content .table-frame'); return f.classList.contains('more-left') && !f.classList.contains('more-right')",
            )
            .await?;
            ui.js("document.querySelector('#views-content .table-wrap').scrollLeft = 0; return true")
                .await?;
        }
        // Keyboard focus on a row: clearly drawn, its values whole.
        let focus = ui
            .js(
                r#"const tr = document.querySelector('#views-content tbody tr'); tr.focus();
                   const td = tr.querySelector('td'); const cs = getComputedStyle(td);
                   return { ring: cs.boxShadow, wrap: cs.whiteSpace, active: document.activeElement === tr };"#,
            )
            .await?;
        assert_eq!(focus["active"], true, "{focus}");
        assert!(
            focus["ring"].as_str().is_some_and(|r| r != "none"),
            "a ring on the focused row: {focus}"
        );
        assert_eq!(
            focus["wrap"], "normal",
            "the focused row shows its values whole: {focus}"
        );
        ui.screenshot(&format!("{}views-table-{w}", look.shot)).await?;
        no_serious_axe_violation(&ui, &format!("{}views-table-{w}", look.shot)).await?;
        ui.js("document.activeElement.blur(); return true").await?;

        // The next page keeps the widths.
        ui.click("#views-content section.view-section .pager button:last-child")
            .await?;
        ui.wait_js(
            "the next page",
            &format!(
                "const c = document.querySelector('#views-content section.view-section h3 .count'); return c && c.textContent !== {};",
                first["range"]
            ),
        )
        .await?;
        let next = ui.js(TABLE).await?;
        assert_eq!(
            next["widths"], first["widths"],
            "{w}: the columns keep their widths page to page"
        );
    }
    ui.client.set_window_size(1100, 760).await?;
    Ok(())
}

#[test]
fn the_list_view_table_fits() {
    run("views-table", EN_LIGHT, |ui, look| Box::pin(table_fits(ui, look)));
}

#[test]
fn the_list_view_table_fits_in_french_and_dark() {
    run("fr-dark-views-table", FR_DARK, |ui, look| {
        Box::pin(table_fits(ui, look))
    });
}

/// Rows shown, rows of the page, and the section's bottom against the window's.
const ROWS: &str = r#"const s = document.querySelector('#views-content section.view-section');
   const rows = [...s.querySelectorAll('tbody tr')];
   return { all: rows.length, shown: rows.filter(r => !r.hidden && r.offsetParent !== null).length,
            texts: rows.filter(r => !r.hidden).map(r => r.textContent),
            bottom: Math.round(s.getBoundingClientRect().bottom + window.scrollY), height: window.innerHeight,
            empty: !!s.querySelector('.quick-empty'), note: (document.getElementById('views-quick-note') || {}).textContent || '',
            range: s.querySelector('h3 .count').textContent };"#;

/// Item 11: a page as long as the widget's height allows (5..=50 rows), and a quick filter
/// over the rows shown.
async fn list_views_to_work_with(ui: Ui, look: Look) -> R {
    ui.client.set_window_size(1280, 800).await?;
    ui.wait_js("a 1280×800 page", "return window.innerHeight >= 780")
        .await?;
    tokio::time::sleep(SETTLE).await;
    show_type(&ui, "Lead").await?;
    let tall = ui.js(ROWS).await?;
    let n = tall["all"].as_u64().unwrap_or(0);
    assert!(
        (11..=50).contains(&n),
        "a tall window shows more than 10 rows (5..=50): {tall}"
    );
    assert!(
        tall["bottom"].as_f64().unwrap_or(1e9) <= tall["height"].as_f64().unwrap_or(0.0),
        "the page fits the window's height: {tall}"
    );
    // The header says which column the list view sorts by, as Salesforce answered.
    let table = ui.js(TABLE).await?;
    let sorted = table["sorted"].as_array().cloned().unwrap_or_default();
    assert!(
        sorted.len() == 1 && ["ascending", "descending"].contains(&sorted[0][1].as_str().unwrap_or_default()),
        "one column says the list view's order (aria-sort): {table}"
    );
    // Next moves by the page's size.
    ui.click("#views-content section.view-section .pager button:last-child")
        .await?;
    ui.wait_js(
        "the second page",
        &format!(
            "return document.querySelector('#views-content section.view-section h3 .count').textContent.includes('{}')",
            n + 1
        ),
    )
    .await?;

    // The quick filter: a word of the first row's second column.
    let word = ui
        .js("return document.querySelector('#views-content tbody tr td:nth-child(2)').textContent.split(/\\s+/)[0]")
        .await?;
    let word = word.as_str().ok_or("a word to filter with")?.to_string();
    let filter = ui.wait_for("#views-quick-filter").await?;
    filter.send_keys(&word).await?;
    let some = ui
        .wait_js(
            "the rows to be filtered",
            &format!("const r = (() => {{ {ROWS} }})(); return r.shown < r.all && r.shown > 0 ? r : null;"),
        )
        .await?;
    assert!(
        some["texts"].as_array().is_some_and(|t| t.iter().all(|x| x
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains(&word.to_lowercase()))),
        "every row left has “{word}”: {some}"
    );
    assert!(
        !some["note"].as_str().unwrap_or_default().is_empty(),
        "the filter says how many match: {some}"
    );
    ui.screenshot(&format!("{}views-quick-filter", look.shot)).await?;
    filter.send_keys("zzqx").await?;
    ui.wait_js(
        "no row, said",
        &format!("const r = (() => {{ {ROWS} }})(); return r.shown === 0 && r.empty;"),
    )
    .await?;
    ui.screenshot(&format!("{}views-quick-filter-none", look.shot)).await?;
    no_serious_axe_violation(&ui, &format!("{}views-quick-filter-none", look.shot)).await?;
    ui.js("const q = document.getElementById('views-quick-filter'); q.value = ''; q.dispatchEvent(new Event('input')); return true")
        .await?;
    ui.wait_js(
        "every row back",
        &format!("const r = (() => {{ {ROWS} }})(); return r.shown === r.all && !r.empty;"),
    )
    .await?;

    // A short window: fewer rows, never fewer than 5.
    ui.client.set_window_size(640, 480).await?;
    ui.wait_js(
        "a shorter page after the resize",
        &format!("const r = (() => {{ {ROWS} }})(); return r.all >= 5 && r.all < {n} ? r : null;"),
    )
    .await?;
    ui.js("window.scrollTo(0, document.getElementById('views-widget').getBoundingClientRect().top + window.scrollY - 70); return true")
        .await?;
    ui.screenshot(&format!("{}views-page-size-small", look.shot)).await?;
    ui.client.set_window_size(1100, 760).await?;
    Ok(())
}

#[test]
fn list_views_people_can_work_with() {
    run("views-work", EN_LIGHT, |ui, look| {
        Box::pin(list_views_to_work_with(ui, look))
    });
}

#[test]
fn list_views_people_can_work_with_in_french_and_dark() {
    run("fr-dark-views-work", FR_DARK, |ui, look| {
        Box::pin(list_views_to_work_with(ui, look))
    });
}

/// What sticks out of a 360 px wide page, if anything.
const FITS: &str = r#"const w = Math.min(window.innerWidth, document.body.getBoundingClientRect().right); const out = [];
   for (const e of document.querySelectorAll('.topbar *, #home *')) {
     if (e.offsetParent === null || e.closest('.table-wrap') || e.closest('.visually-hidden')) continue;
     const r = e.getBoundingClientRect();
     if (r.width > 0 && (r.left < -0.5 || r.right > w + 0.5)) out.push(`${e.tagName}.${e.className}#${e.id} ${Math.round(r.left)}..${Math.round(r.right)}`);
   }
   const results = document.querySelector('.results-panel').getBoundingClientRect();
   const widget = document.getElementById('views-widget').getBoundingClientRect();
   return { width: w, page: document.documentElement.scrollWidth, out,
            body: document.body.scrollWidth, oneColumn: Math.abs(results.left - widget.left) < 1 && widget.top >= results.bottom };"#;

/// Item 12: the page from 360 px wide: one column, nothing cut (the table scrolls inside its
/// frame), the editor usable.
async fn from_360_px(ui: Ui, look: Look) -> R {
    ui.client.set_window_size(360, 640).await?;
    tokio::time::sleep(SETTLE).await;
    let inner = ui.js("return window.innerWidth").await?;
    if inner.as_f64().unwrap_or(0.0) > 360.0 {
        // The desktop window keeps its minimum (640×480, tauri.conf.json). There every
        // narrow-window media query applies already; the page is held to 360 CSS px, where the
        // narrowest rules (container queries on the top bar and the home screen) apply.
        ui.client.set_window_size(640, 480).await?;
        ui.wait_js("the smallest window", "return window.innerWidth <= 640")
            .await?;
        ui.js("document.body.style.width = '360px'; return true").await?;
        tokio::time::sleep(SETTLE).await;
    }
    // Where a person scrolls to work with the widget (below the search panel in one column).
    ui.js("window.scrollTo(0, document.getElementById('views-widget').getBoundingClientRect().top + window.scrollY - 70); return true")
        .await?;
    show_type(&ui, "Lead").await?;
    let home = ui.js(FITS).await?;
    assert_eq!(home["out"], json!([]), "nothing sticks out: {home}");
    assert!(
        home["body"].as_f64() <= home["width"].as_f64(),
        "no sideways scrolling of the page: {home}"
    );
    assert_eq!(home["oneColumn"], true, "one column: {home}");
    // The table is the one thing wider than the page: it scrolls in its frame and says so, and
    // every value it cuts ends with … and is whole on hover.
    let table = ui.js(TABLE).await?;
    assert_eq!(table["cutUnsaid"], json!([]), "nothing cut silently at 360 px: {table}");
    if table["sideways"] == json!(true) {
        assert_eq!(table["moreRight"], true, "a sign there is more on the right: {table}");
    }
    ui.js("document.getElementById('views-widget').scrollIntoView(); return true")
        .await?;
    ui.screenshot(&format!("{}views-360", look.shot)).await?;

    ui.click("#views-type-button").await?;
    ui.click("#views-edit").await?;
    ui.wait_for("#views-type-filter").await?.send_keys("Lead").await?;
    ui.click("#views-type-list li[data-object=Lead] button.pencil").await?;
    ui.wait_for("#views-list li[data-view]").await?;
    let editor = ui.js(FITS).await?;
    assert_eq!(editor["out"], json!([]), "nothing of the editor sticks out: {editor}");
    ui.js("document.getElementById('views-editor').scrollIntoView(); return true")
        .await?;
    ui.screenshot(&format!("{}views-360-editor", look.shot)).await?;
    no_serious_axe_violation(&ui, &format!("{}views-360-editor", look.shot)).await?;
    ui.click("#views-cancel").await?;

    // Search results and Settings, at the same width.
    ui.js("window.scrollTo(0, 0); return true").await?;
    ui.wait_for("#search-input").await?.send_keys("Acme").await?;
    ui.wait_for("#search-results li.result").await?;
    let results = ui.js(FITS).await?;
    assert_eq!(
        results["out"],
        json!([]),
        "nothing of the results sticks out: {results}"
    );
    ui.screenshot(&format!("{}views-360-search", look.shot)).await?;
    ui.wait_for("#search-input")
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    ui.click("#open-settings").await?;
    for tab in ["#tab-integrations", "#tab-general"] {
        ui.click(tab).await?;
        let settings = ui
            .js(&FITS
                .replace("'.topbar *, #home *'", "'.topbar *, #settings *'")
                .replace(
                    "const results = document.querySelector('.results-panel').getBoundingClientRect();",
                    "const results = { left: 0, bottom: 0 };",
                )
                .replace(
                    "const widget = document.getElementById('views-widget').getBoundingClientRect();",
                    "const widget = { left: 0, top: 0 };",
                ))
            .await?;
        assert_eq!(
            settings["out"],
            json!([]),
            "nothing of Settings ({tab}) sticks out: {settings}"
        );
        ui.screenshot(&format!("{}views-360-settings-{}", look.shot, &tab[5..]))
            .await?;
    }
    ui.click("#close-settings").await?;
    ui.client.set_window_size(1100, 760).await?;
    Ok(())
}

#[test]
fn the_page_works_from_360_px_wide() {
    run("views-360", EN_LIGHT, |ui, look| Box::pin(from_360_px(ui, look)));
}

#[test]
fn the_page_works_from_360_px_wide_in_french_and_dark() {
    run("fr-dark-views-360", FR_DARK, |ui, look| Box::pin(from_360_px(ui, look)));
}
