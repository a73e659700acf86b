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
use crate::lang::Msg;
use crate::model::Model;

const CSS: &str = include_str!("report/report.css");

/// How many stages per pathway the sensitivity table lists (the tornado chart and
/// sensitivity.csv have them all).
const SENSITIVITY_ROWS: usize = 3;

/// The charts a report embeds when the run wrote them, in order: (SVG file, caption).
pub const CHARTS: [(&str, Msg); 6] = [
    ("distribution.svg", Msg::ChartCaptionDistribution),
    ("compare.svg", Msg::ChartCaptionCompare),
    ("timeline.svg", Msg::ChartCaptionTimeline),
    ("fiscal_years.svg", Msg::ChartCaptionFiscal),
    ("backlog.svg", Msg::ChartCaptionBacklog),
    ("tornado.svg", Msg::ChartCaptionTornado),
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
    let lang = base.lang;
    let mut h = String::new();
    let title = escape(&base.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"regsim {}\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        lang.fill(Msg::ReportTitleSuffix, &[&title])
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
    let meta = lang.fill(
        Msg::ReportMeta,
        &[
            &escape(report.scenario_path),
            &r0.iterations,
            &r0.seed,
            &lang.date(base.submitted),
        ],
    );
    let _ = writeln!(h, "<p class=\"meta\">{meta}</p>\n</header>");
    let mut toc = vec![("results", Msg::TocResults)];
    if report.sensitivity.is_some() {
        toc.push(("sensitivity", Msg::TocSensitivity));
    }
    if !report.charts.is_empty() {
        toc.push(("charts", Msg::TocCharts));
    }
    if !report.at_p80.is_empty() {
        toc.push(("at-p80", Msg::TocAtP80));
    }
    toc.extend([("inputs", Msg::TocInputs), ("manifest", Msg::TocManifest)]);
    h.push_str("<nav><ol>\n");
    for (id, name) in &toc {
        let _ = writeln!(h, "<li><a href=\"#{id}\">{}</a></li>", lang.text(*name));
    }
    h.push_str("</ol></nav>\n");

    let _ = writeln!(h, "<h2 id=\"results\">{}</h2>", lang.text(Msg::TocResults));
    h.push_str("<p class=\"note\">");
    h.push_str(lang.text(Msg::NoteReviewDays));
    if !base.products.is_empty() {
        h.push_str(lang.text(Msg::NoteFromReady));
    }
    h.push_str(lang.text(Msg::NotePercentiles));
    h.push_str("</p>\n");
    for run in &report.runs {
        summary_table(&mut h, run);
    }
    if !report.queue.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<p class=\"note\">{}</p>",
            lang.text(Msg::AgencyHeading),
            lang.text(Msg::AgencyNote)
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
        let _ = writeln!(h, "<h2 id=\"charts\">{}</h2>", lang.text(Msg::TocCharts));
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
        let _ = writeln!(
            h,
            "<h2 id=\"at-p80\">{}</h2>\n<p class=\"note\">{}</p>",
            lang.text(Msg::AtP80Heading),
            lang.text(Msg::AtP80Note)
        );
        for text in &report.at_p80 {
            let _ = writeln!(h, "<pre>{}</pre>", escape(text.trim_end()));
        }
    }
    let _ = writeln!(
        h,
        "<h2 id=\"inputs\" class=\"inputs\">{}</h2>",
        lang.text(Msg::TocInputs)
    );
    if report.overrides.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", lang.text(Msg::OverridesNone));
    } else {
        let _ = writeln!(h, "<p>{}</p>\n<ul>", lang.text(Msg::OverridesGiven));
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
        "<h2 id=\"manifest\">{}</h2>\n<p class=\"note\">{}</p>\n<pre>{}</pre>",
        lang.text(Msg::TocManifest),
        lang.text(Msg::ManifestNote),
        escape(report.manifest_json)
    );
    let _ = writeln!(
        h,
        "<footer>{}</footer>\n</body>\n</html>",
        lang.fill(Msg::GeneratedBy, &[&env!("CARGO_PKG_VERSION")])
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
    let lang = model.lang;
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th class=\"num\">P10</th>\
         <th class=\"num\">P50</th><th class=\"num\">P80</th><th class=\"num\">P90</th>\
         <th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th>",
        lang.text(Msg::ThPathway),
        lang.text(Msg::ThMean),
        lang.text(Msg::ThTarget),
        lang.text(Msg::ThMeetingIt)
    );
    if from_ready {
        let _ = write!(
            h,
            "<th class=\"num\">{}</th>",
            lang.text(Msg::ThP80FromReady)
        );
    }
    if withdrawals {
        let _ = write!(h, "<th class=\"num\">{}</th>", lang.text(Msg::ThApproved));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (p, r) in model.pathways.iter().zip(&run.results.pathways) {
        let q = |x: f64| r.review_days.percentile(x).map(num).unwrap_or_default();
        let (target, met) = match p.target {
            Some(t) => {
                let met = r.target_met_share(t).unwrap_or(0.0) * 100.0;
                let clock = lang.target_clock(t.clock);
                (
                    lang.fill(
                        Msg::ReportTarget,
                        &[&num(t.percentile), &num(t.days), &clock],
                    ),
                    format!("{met:.1}%"),
                )
            }
            None => (lang.text(Msg::NoTarget).to_string(), String::new()),
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
    let lang = model.lang;
    let t = |m| lang.text(m);
    let _ = writeln!(
        h,
        "<h2 id=\"sensitivity\">{}</h2>\n<p class=\"note\">{}</p>\n<table>\n<thead><tr>\
         <th>{}</th><th>{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th></tr></thead>\n<tbody>",
        t(Msg::TocSensitivity),
        t(Msg::SensitivityNote),
        t(Msg::ThPathway),
        t(Msg::ThStage),
        t(Msg::ThP80AtP10),
        t(Msg::ThAtP90),
        t(Msg::ThSwing),
        t(Msg::ThRankCorr)
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
