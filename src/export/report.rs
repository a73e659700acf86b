//! report.html: one self-contained page for a briefing pack.
//!
//! It holds the question (the scenario's title and description), a summary table per
//! run (the baseline, then each variant: the report is built around a list of labelled
//! runs), the sensitivity analysis's leading stages, every chart the run wrote (the
//! very bytes of the .svg files, inline), the inputs (the scenario file's text and the
//! overrides) and the manifest.
//!
//! Self-contained: the CSS is inline, the charts are inline SVG, there is no script,
//! and a Content-Security-Policy forbids fetching anything, so the page opens the same
//! offline and from an e-mail attachment. A print stylesheet keeps figures and table
//! rows whole and starts the inputs on a new page. Every text taken from the scenario
//! is HTML-escaped; the charts' SVG comes from plotters, which escapes its text.

use std::fmt::Write;

use crate::engine::precision::half_width95;
use crate::engine::results::RunResults;
use crate::engine::sensitivity::PathwaySensitivity;
use crate::export::csv::num;
use crate::model::Model;

const CSS: &str = include_str!("report/report.css");

/// How many stages per pathway the sensitivity table lists (the tornado chart and
/// sensitivity.csv have them all).
const SENSITIVITY_ROWS: usize = 3;

/// The charts a report embeds when the run wrote them, in order: (SVG file, caption).
pub const CHARTS: [(&str, &str); 6] = [
    (
        "distribution.svg",
        "Review days per pathway: histogram and cumulative curve, with the target",
    ),
    (
        "compare.svg",
        "The baseline and its variants (--variant): cumulative curves of review days, and boxes from P25 to P75 with whiskers from P10 to P90",
    ),
    (
        "timeline.svg",
        "The median schedule per pathway, with the P10 to P90 range of each stage's end",
    ),
    (
        "fiscal_years.svg",
        "Approvals by fiscal year: the share of iterations approved in each",
    ),
    (
        "backlog.svg",
        "The agency over time: applications in review month by month (median and P10 to P90 over the replications), and review days' P80 per year against the target",
    ),
    (
        "tornado.svg",
        "What moves P80 most: each uncertain stage held at its P10 and at its P90",
    ),
];

/// One simulated run: the baseline, or a variant of it.
#[derive(Debug, Clone, Copy)]
pub struct ReportRun<'a> {
    /// "baseline", or the variant's id.
    pub label: &'a str,
    /// A sentence on what the run changes (empty for the baseline).
    pub description: &'a str,
    /// The model simulated.
    pub model: &'a Model,
    /// Its Monte Carlo results.
    pub results: &'a RunResults,
}

/// A chart, embedded as the SVG file's text.
#[derive(Debug, Clone)]
pub struct ReportChart {
    /// The file it was written to, e.g. `distribution.svg`.
    pub file: String,
    /// What it shows.
    pub caption: String,
    /// The file's contents.
    pub svg: String,
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The runs, the baseline first.
    pub runs: Vec<ReportRun<'a>>,
    /// The sensitivity analysis of the baseline, when it was run.
    pub sensitivity: Option<&'a [PathwaySensitivity]>,
    /// Every chart written, in order.
    pub charts: Vec<ReportChart>,
    /// Per pathway of the baseline, the simulated application at its P80 as
    /// `regsim explain --at p80` prints it.
    pub at_p80: Vec<String>,
    /// The scenario file's path as given.
    pub scenario_path: &'a str,
    /// The scenario file's text.
    pub scenario_text: &'a str,
    /// Overrides given on the command line, as written.
    pub overrides: &'a [String],
    /// manifest.json's text.
    pub manifest_json: &'a str,
    /// With an agency: per run, its label and the terminal's lines on the queue (waits,
    /// backlog, utilisation).
    pub queue: Vec<(String, String)>,
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page.
pub fn render(report: &Report) -> String {
    let base = report.runs[0].model;
    let mut h = String::new();
    let title = escape(&base.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"regsim {}\">\n\
         <title>{title}: regsim report</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "<header>\n<h1>{title}</h1>");
    if !base.description.trim().is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"question\">{}</p>",
            escape(base.description.trim())
        );
    }
    let r0 = report.runs[0].results;
    let _ = writeln!(
        h,
        "<p class=\"meta\">Scenario file <code>{}</code>; {} Monte Carlo iterations, seed {}; \
         applications submitted {}.</p>\n</header>",
        escape(report.scenario_path),
        r0.iterations,
        r0.seed,
        base.submitted
    );
    let mut toc = vec![("results", "Results")];
    if report.sensitivity.is_some() {
        toc.push(("sensitivity", "What moves P80 most"));
    }
    if !report.charts.is_empty() {
        toc.push(("charts", "Charts"));
    }
    if !report.at_p80.is_empty() {
        toc.push(("at-p80", "The P80 application"));
    }
    toc.extend([("inputs", "Inputs"), ("manifest", "Manifest")]);
    h.push_str("<nav><ol>\n");
    for (id, name) in &toc {
        let _ = writeln!(h, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    h.push_str("</ol></nav>\n");

    h.push_str("<h2 id=\"results\">Results</h2>\n");
    h.push_str("<p class=\"note\">Review days: submission to approval. ");
    if !base.products.is_empty() {
        h.push_str(
            "P80 from ready: from the day the product is ready, the evidence it must \
             obtain first included. ",
        );
    }
    h.push_str(
        "Percentiles interpolate linearly between iterations, as summary.csv; ± is the \
         95% Monte Carlo half-width of P80 (1.96 standard errors, summary.csv's \
         p80_se).</p>\n",
    );
    for run in &report.runs {
        summary_table(&mut h, run);
    }
    if !report.queue.is_empty() {
        h.push_str(
            "<h3>The agency</h3>\n<p class=\"note\">Waits for reviewers, applications in \
             review at the horizon's end and the pools' utilisation; queue.csv has them \
             year by year.</p>\n",
        );
        for (label, text) in &report.queue {
            let _ = writeln!(
                h,
                "<p>{}</p>\n<pre>{}</pre>",
                escape(label),
                escape(text.trim_end())
            );
        }
    }
    if let Some(s) = report.sensitivity {
        sensitivity_table(&mut h, base, s);
    }
    if !report.charts.is_empty() {
        h.push_str("<h2 id=\"charts\">Charts</h2>\n");
        for c in &report.charts {
            let _ = writeln!(
                h,
                "<figure>\n{}\n<figcaption>{} (<code>{}</code>)</figcaption>\n</figure>",
                c.svg.trim_end(),
                escape(&c.caption),
                escape(&c.file)
            );
        }
    }
    if !report.at_p80.is_empty() {
        h.push_str(
            "<h2 id=\"at-p80\">The P80 application, stage by stage</h2>\n<p class=\"note\">\
             Per pathway, the simulated application whose review days are nearest the P80, \
             each stage beside its median over all iterations: what made it long \
             (<code>regsim explain --at p80</code>).</p>\n",
        );
        for text in &report.at_p80 {
            let _ = writeln!(h, "<pre>{}</pre>", escape(text.trim_end()));
        }
    }
    h.push_str("<h2 id=\"inputs\" class=\"inputs\">Inputs</h2>\n");
    if report.overrides.is_empty() {
        h.push_str("<p>Overrides: none; the scenario file as it stands.</p>\n");
    } else {
        h.push_str("<p>Overrides given on the command line:</p>\n<ul>\n");
        for o in report.overrides {
            let _ = writeln!(h, "<li><code>{}</code></li>", escape(o));
        }
        h.push_str("</ul>\n");
    }
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<pre>{}</pre>",
        escape(report.scenario_path),
        escape(report.scenario_text)
    );
    let _ = writeln!(
        h,
        "<h2 id=\"manifest\">Manifest</h2>\n<p class=\"note\">What produced these \
         numbers: the same file, seed and iterations reproduce them byte for byte.</p>\n\
         <pre>{}</pre>",
        escape(report.manifest_json)
    );
    let _ = writeln!(
        h,
        "<footer>Generated by regsim {}.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION")
    );
    h
}

fn summary_table(h: &mut String, run: &ReportRun) {
    let model = run.model;
    let _ = writeln!(h, "<h3>{}</h3>", escape(run.label));
    if !run.description.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", escape(run.description));
    }
    // With products, time from the day the product is ready is the question; with
    // capped clock stops, not every application is approved.
    let from_ready = !model.products.is_empty();
    let withdrawals = run.results.pathways.iter().any(|r| r.withdrawn > 0);
    h.push_str(
        "<table>\n<thead><tr><th>Pathway</th><th class=\"num\">P10</th>\
         <th class=\"num\">P50</th><th class=\"num\">P80</th><th class=\"num\">P90</th>\
         <th class=\"num\">Mean</th><th>Target</th><th class=\"num\">Meeting it</th>",
    );
    if from_ready {
        h.push_str("<th class=\"num\">P80 from ready</th>");
    }
    if withdrawals {
        h.push_str("<th class=\"num\">Approved</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (p, r) in model.pathways.iter().zip(&run.results.pathways) {
        let q = |x: f64| r.review_days.percentile(x).map(num).unwrap_or_default();
        let (target, met) = match p.target {
            Some(t) => {
                let met = r.target_met_share(t).unwrap_or(0.0) * 100.0;
                (
                    format!(
                        "{}% within {} days ({})",
                        num(t.percentile),
                        num(t.days),
                        t.clock.as_str()
                    ),
                    format!("{met:.1}%"),
                )
            }
            None => ("none".to_string(), String::new()),
        };
        // P80 with its 95% Monte Carlo half-width.
        let p80 = match half_width95(&r.review_days, 80.0) {
            Some(w) => format!("{} <span class=\"pm\">±{:.1}</span>", q(80.0), w),
            None => q(80.0),
        };
        // A product's copy of a pathway has the product's id in its title already.
        let name = &p.title;
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td>{}</td><td class=\"num\">{}</td>",
            escape(name),
            q(10.0),
            q(50.0),
            p80,
            q(90.0),
            r.review_days
                .mean()
                .map(|m| format!("{m:.1}"))
                .unwrap_or_default(),
            escape(&target),
            met
        );
        if from_ready {
            let p80 = r.time_to_approval_days.percentile(80.0);
            let _ = write!(
                h,
                "<td class=\"num\">{}</td>",
                p80.map(num).unwrap_or_default()
            );
        }
        if withdrawals {
            let n = run.results.iterations.max(1) as f64;
            let approved = 100.0 * (1.0 - r.withdrawn as f64 / n);
            let _ = write!(h, "<td class=\"num\">{approved:.1}%</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

fn sensitivity_table(h: &mut String, model: &Model, sensitivity: &[PathwaySensitivity]) {
    h.push_str(
        "<h2 id=\"sensitivity\">What moves P80 most</h2>\n<p class=\"note\">Each \
         uncertain stage held at the 10th and then the 90th percentile of its duration, \
         every other draw unchanged: the swing is how far P80 of review days moves. \
         Rank correlation: Spearman's, of the stage's days with review days. The \
         leading stages per pathway; sensitivity.csv lists all.</p>\n<table>\n<thead><tr>\
         <th>Pathway</th><th>Stage</th><th class=\"num\">P80, stage at its P10</th>\
         <th class=\"num\">at its P90</th><th class=\"num\">Swing (days)</th>\
         <th class=\"num\">Rank corr.</th></tr></thead>\n<tbody>\n",
    );
    for s in sensitivity {
        let p = &model.pathways[s.pathway];
        for (k, st) in s.stages.iter().take(SENSITIVITY_ROWS).enumerate() {
            // The pathway is named on its first row only.
            let name = if k == 0 {
                escape(&p.title)
            } else {
                String::new()
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                name,
                escape(stage_name(&p.stages[st.stage])),
                num(st.p80_at_low),
                num(st.p80_at_high),
                num(st.swing()),
                st.rank_correlation
                    .map(|r| format!("{r:.2}"))
                    .unwrap_or_default()
            );
        }
    }
    h.push_str("</tbody>\n</table>\n");
}

/// A stage's title, or its id when it has none.
fn stage_name(stage: &crate::model::Stage) -> &str {
    if stage.title.is_empty() {
        &stage.id
    } else {
        &stage.title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
