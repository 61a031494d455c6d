//! The report page: `index.html` at the top of the output folder, one section per experiment
//! whose results are there — a paragraph on what it shows, its tables (read from its CSV files),
//! its charts, and links to every CSV file. One file that needs no network and no script: it
//! opens from disk, and its styles adapt from a phone's width to a desktop's.

use crate::pictures::escape;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The page's file name.
pub const INDEX: &str = "index.html";

/// The mark that tells a page this code wrote from any other `index.html`.
pub const GENERATOR: &str = r#"<meta name="generator" content="dlfs-rs cargo xtask">"#;

/// Whether `html` is a page this code wrote (it carries [`GENERATOR`]).
pub fn is_ours(html: &[u8]) -> bool {
    html.windows(GENERATOR.len())
        .any(|w| w == GENERATOR.as_bytes())
}

/// One experiment's section of the page: its results are in the folder `name` beside the page.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    /// The experiment's name, which is also its folder.
    pub name: &'a str,
    /// A paragraph on what it shows.
    pub summary: &'a str,
    /// Its CSV files shown as tables (paths inside its folder).
    pub tables: &'a [&'a str],
    /// Its charts (paths inside its folder).
    pub charts: &'a [&'a str],
    /// What the run that made the results reported, as `(label, value)` lines and a text
    /// table (empty for results left by an earlier run): the page's figures come from the
    /// results, whatever the settings.
    pub facts: &'a [(String, String)],
    /// The run's text table (the sweeps' shares), if any.
    pub table: Option<&'a str>,
}

/// Tables longer than this are folded (`<details>`), so the page stays readable.
const FOLD_ROWS: usize = 12;

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #222; background: #fafafa; line-height: 1.5; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
section { background: white; border: 1px solid #e4e4e4; border-radius: 8px; padding: 0.2rem 1rem 1rem; margin-top: 1.2rem; }
nav a { margin-right: 0.8rem; white-space: nowrap; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; background: white; }
figcaption { font-size: 0.85rem; color: #555; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 0.15rem 0.4rem; text-align: right; white-space: nowrap; }
th { background: #f0f0f0; }
td:first-child, th:first-child { text-align: left; }
details summary { cursor: pointer; color: #1a5fb4; }
.files { font-size: 0.85rem; }
.facts { font-size: 0.9rem; }
pre { overflow-x: auto; font-size: 0.8rem; background: #f6f6f6; padding: 0.5rem; }
@media (max-width: 600px) { main { padding: 0.5rem; } h1 { font-size: 1.3rem; } section { padding: 0.1rem 0.5rem 0.6rem; } }
";

/// The page for `sections`, whose results are in `out` (one folder each), in their order: the
/// HTML text, for the caller to write as `out/index.html`.
///
/// # Errors
/// If a table's CSV file or a folder cannot be read.
pub fn render(out: &Path, sections: &[Section<'_>]) -> Result<String> {
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>Backpropagation, from <i>Deep Learning from Scratch</i> chapter 5 to chapter 6</h1>\n\
         <p>The results of <code>cargo xtask experiments</code>: the article's XOR network \
         reproduced, its stall explained and cured. Every table below is one of the CSV files \
         beside this page; the charts are the SVG files.</p>"
    );
    body += "<nav>";
    for e in sections {
        let _ = write!(body, r##"<a href="#{0}">{0}</a> "##, e.name);
    }
    body += "</nav>\n";
    for e in sections {
        body += &section(out, e)?;
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{GENERATOR}\n\
         <title>dlfs-rs: the experiments</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         {body}</main>\n</body>\n</html>\n"
    );
    Ok(html)
}

/// One experiment's section.
fn section(out: &Path, e: &Section<'_>) -> Result<String> {
    let dir = out.join(e.name);
    let mut s = format!(
        "<section id=\"{0}\">\n<h2>{0}</h2>\n<p>{1}</p>\n",
        e.name,
        escape(e.summary)
    );
    if !e.facts.is_empty() {
        s += "<ul class=\"facts\">\n";
        for (label, value) in e.facts {
            let _ = writeln!(s, "<li><b>{}</b>: {}</li>", escape(label), escape(value));
        }
        s += "</ul>\n";
    }
    if let Some(table) = e.table {
        let _ = writeln!(s, "<pre>{}</pre>", escape(table));
    }
    for chart in e.charts.iter().filter(|c| dir.join(c).exists()) {
        let _ = writeln!(
            s,
            r#"<figure><img src="{0}/{1}" alt="{0}: {1}" loading="lazy"><figcaption>{1}</figcaption></figure>"#,
            e.name,
            escape(chart)
        );
    }
    for table in e.tables.iter().filter(|t| dir.join(t).exists()) {
        s += &table_html(&format!("{}/{table}", e.name), &dir.join(table))?;
    }
    let mut csvs = Vec::new();
    list_csv(&dir, Path::new(""), &mut csvs)?;
    csvs.sort();
    s += "<p class=\"files\">Files: ";
    for (k, f) in csvs.iter().enumerate() {
        let rel = format!("{}/{}", e.name, f);
        let _ = write!(
            s,
            r#"{}<a href="{}">{}</a>"#,
            if k > 0 { ", " } else { "" },
            escape(&rel),
            escape(f)
        );
    }
    s += "</p>\n</section>\n";
    Ok(s)
}

/// Every CSV file below `dir/rel`, as `/`-separated paths relative to `dir`.
fn list_csv(dir: &Path, rel: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_csv(dir, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "csv") {
            let parts: Vec<String> = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// A CSV file as an HTML table (`data-csv` names the file), folded when long.
fn table_html(name: &str, path: &Path) -> Result<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record.with_context(|| format!("cannot read {}", path.display()))?);
    }
    let mut t = format!(
        "<div class=\"scroll\"><table data-csv=\"{}\">\n",
        escape(name)
    );
    for (i, row) in rows.iter().enumerate() {
        let cell = if i == 0 { "th" } else { "td" };
        t += "<tr>";
        for v in row {
            let _ = write!(t, "<{cell}>{}</{cell}>", escape(v));
        }
        t += "</tr>\n";
    }
    t += "</table></div>\n";
    let data_rows = rows.len().saturating_sub(1);
    Ok(if data_rows > FOLD_ROWS {
        format!(
            "<details><summary>{} ({data_rows} rows)</summary>\n{t}</details>\n",
            escape(name)
        )
    } else {
        format!("<p><b>{}</b></p>\n{t}", escape(name))
    })
}
