//! Tests of the charts: both kinds in both formats, edge cases, Japanese text.

use super::*;

#[test]
fn thousands_groups_digits() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(2000), "2,000");
    assert_eq!(thousands(1234567), "1,234,567");
}

#[test]
fn days_drops_needless_decimals() {
    assert_eq!(days(365.0), "365");
    assert_eq!(days(364.5), "364.5");
}

use super::testing;
use crate::engine::results::RunResults;
use crate::engine::schedule::PathwayTimes;
use crate::model::Model;

/// Renders both charts into memory bitmaps.
fn bitmaps(model: &Model, schedules: &[PathwayTimes], results: &RunResults) -> [Vec<u8>; 2] {
    font::ensure_registered().unwrap();
    let mut out = [Vec::new(), Vec::new()];
    for (k, buf) in out.iter_mut().enumerate() {
        *buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        let root = BitMapBackend::with_buffer(buf, (WIDTH, HEIGHT)).into_drawing_area();
        if k == 0 {
            distribution::draw_into(&root, TextMetrics::Bitmap, model, results).unwrap();
        } else {
            timeline::draw_into(&root, TextMetrics::Bitmap, model, schedules, results).unwrap();
        }
        root.present().unwrap();
    }
    out
}

/// Share of pixels in the rectangle that are not (near) white.
fn ink(buf: &[u8], (x0, y0): (u32, u32), (x1, y1): (u32, u32)) -> f64 {
    let mut inked = 0usize;
    for y in y0..y1 {
        for x in x0..x1 {
            let i = ((y * WIDTH + x) * 3) as usize;
            if buf[i..i + 3].iter().any(|&v| v < 200) {
                inked += 1;
            }
        }
    }
    inked as f64 / ((x1 - x0) * (y1 - y0)) as f64
}

/// The text of an SVG's `<text>` elements, joined by spaces.
fn svg_text(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

fn render_all(model: &Model, iterations: u64) -> (tempfile::TempDir, RunResults) {
    let (schedules, results) = testing::run(model, iterations);
    let dir = tempfile::tempdir().unwrap();
    for format in [ImageFormat::Png, ImageFormat::Svg] {
        let ext = format.extension();
        let dist = dir.path().join(format!("distribution.{ext}"));
        let time = dir.path().join(format!("timeline.{ext}"));
        render_distribution(model, &results, format, &dist).unwrap();
        render_timeline(model, &schedules, &results, format, &time).unwrap();
    }
    // Nothing but the four charts is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    let [dist, time] = bitmaps(model, &schedules, &results);
    // Where the first line of the title goes, and the plot below the legend.
    let title_w = font::text_width(&model.title, TITLE_PX).min(WIDTH as i32 - 48) as u32;
    for (name, buf) in [("distribution", &dist), ("timeline", &time)] {
        let title = ink(buf, (24, 24), (24 + title_w, 70));
        let plot = ink(buf, (100, 300), (WIDTH - 100, 850));
        assert!(title > 0.08, "{name}: title region blank ({title})");
        assert!(plot > 0.04, "{name}: plot region blank ({plot})");
    }
    (dir, results)
}

#[test]
fn both_charts_render_in_both_formats() {
    let model = testing::three_pathways();
    let (dir, _) = render_all(&model, 2000);
    for name in ["distribution", "timeline"] {
        let png = std::fs::read(dir.path().join(format!("{name}.png"))).unwrap();
        assert_eq!(png_size(&png), (WIDTH, HEIGHT), "{name}.png");
        let svg = std::fs::read_to_string(dir.path().join(format!("{name}.svg"))).unwrap();
        assert!(
            svg.contains(r#"width="1600" height="1000""#),
            "{name}.svg size"
        );
        // Titles may be wrapped over two text elements.
        let text = svg_text(&svg);
        for p in &model.pathways {
            assert!(text.contains(&p.title), "{name}.svg lacks `{}`", p.title);
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("distribution.svg")).unwrap();
    assert!(svg.contains("target: 80% within 365 days"));
    let svg = std::fs::read_to_string(dir.path().join("timeline.svg")).unwrap();
    // One submission date: the x axis is in calendar dates.
    assert!(svg.contains("Date (submitted 2024-04-01)"));
    assert!(svg.contains("Apr 2024"));
}

#[test]
fn one_pathway_renders() {
    let model = testing::model(
        "One pathway",
        vec![testing::standard_review("normal", "Normal approval")],
    );
    render_all(&model, 2000);
}

#[test]
fn eight_pathways_render() {
    render_all(&testing::eight_pathways(), 2000);
}

#[test]
fn fixed_durations_and_one_iteration_render() {
    let model = testing::model("Fixed", vec![testing::emergency_fixed()]);
    let (_, results) = render_all(&model, 2000);
    let h = &results.pathways[0].review_days;
    assert_eq!(h.min(), h.max(), "a fixed pathway has a single value");
    render_all(&testing::three_pathways(), 1);
}

#[test]
fn no_iterations_do_not_panic() {
    let model = testing::three_pathways();
    let (schedules, results) = testing::run(&model, 0);
    bitmaps(&model, &schedules, &results);
}

#[test]
fn long_titles_are_cut_not_spilled() {
    let model = testing::long_titles();
    let (schedules, results) = testing::run(&model, 200);
    for buf in bitmaps(&model, &schedules, &results) {
        // The right margin stays clear of text: long titles were cut.
        assert!(ink(&buf, (WIDTH - 10, 0), (WIDTH, HEIGHT)) < 0.01);
    }
}

#[test]
fn japanese_text_renders_as_glyphs() {
    let model = testing::japanese();
    let (schedules, results) = testing::run(&model, 500);
    for buf in bitmaps(&model, &schedules, &results) {
        let title = ink(&buf, (24, 24), (800, 80));
        assert!(title > 0.05, "Japanese title region blank ({title})");
    }
    // Different kanji draw differently: not one missing-glyph box for all.
    let glyph = |text: &str| {
        let mut buf = vec![255u8; 80 * 80 * 3];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (80, 80)).into_drawing_area();
            let c = Canvas {
                root: &root,
                metrics: TextMetrics::Bitmap,
                lang: crate::lang::Lang::Ja,
            };
            c.text(text, (10, 60), 50.0, TEXT, HPos::Left).unwrap();
            root.present().unwrap();
        }
        buf
    };
    font::ensure_registered().unwrap();
    let (a, b) = (glyph("通"), glyph("承"));
    let inked = |buf: &[u8]| buf.chunks(3).filter(|p| p[0] < 128).count();
    assert!(inked(&a) > 100 && inked(&b) > 100);
    assert_ne!(a, b);
}

#[test]
fn mismatched_results_are_an_error() {
    let model = testing::three_pathways();
    let (schedules, results) = testing::run(&model, 10);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.png");
    let err = render_timeline(&model, &schedules[..1], &results, ImageFormat::Png, &path);
    assert!(err.is_err());
    let mut fewer = results.clone();
    fewer.pathways.pop();
    assert!(render_distribution(&model, &fewer, ImageFormat::Svg, &path).is_err());
    assert!(!path.exists());
}

#[test]
fn a_failed_write_is_an_error_and_leaves_nothing() {
    let model = testing::three_pathways();
    let (schedules, results) = testing::run(&model, 10);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    for format in [ImageFormat::Png, ImageFormat::Svg] {
        let path = missing.join(format!("chart.{}", format.extension()));
        let err = render_distribution(&model, &results, format, &path).unwrap_err();
        assert!(
            format!("{err:#}").contains("could not write the chart"),
            "{err:#}"
        );
        assert!(render_timeline(&model, &schedules, &results, format, &path).is_err());
    }
    // A path without the format's extension (an output folder's staging name) works.
    let staged = dir.path().join(".distribution.png.tmp-1");
    render_distribution(&model, &results, ImageFormat::Png, &staged).unwrap();
    let png = std::fs::read(&staged).unwrap();
    assert_eq!(png_size(&png), (WIDTH, HEIGHT));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_later_submission_is_drawn_from_its_own_day_zero() {
    use crate::engine::schedule::{Draws, run_pathway_from};
    let model = testing::three_pathways();
    let (_, results) = testing::run(&model, 10);
    let schedules: Vec<PathwayTimes> = model
        .pathways
        .iter()
        .map(|p| {
            let mut t = PathwayTimes::default();
            run_pathway_from(&model, p, 30, Draws::Median, &mut t).unwrap();
            t
        })
        .collect();
    let shifted = timeline::from_submission(&schedules);
    assert_eq!(shifted[2].stages[0].start, 0.0);
    assert_eq!(shifted[2].stages[0].end, schedules[2].stages[0].end - 30.0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.svg");
    render_timeline(&model, &schedules, &results, ImageFormat::Svg, &path).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    // Submitted 2024-05-01 (day 30); the emergency route takes 33 days.
    assert!(svg_text(&svg).contains("approval 2024-06-03 (day 33)"));
}

/// Writes sample charts for a person to look at:
/// `REGSIM_CHART_DIR=/tmp/charts cargo test --lib export::chart -- --ignored`.
#[test]
#[ignore = "writes sample charts to $REGSIM_CHART_DIR"]
fn write_sample_charts() {
    let Ok(dir) = std::env::var("REGSIM_CHART_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let samples = [
        ("three", testing::three_pathways(), 20_000),
        (
            "one",
            testing::model(
                "One pathway",
                vec![testing::standard_review("normal", "Normal approval")],
            ),
            20_000,
        ),
        ("eight", testing::eight_pathways(), 20_000),
        ("japanese", testing::japanese(), 20_000),
        ("one-iteration", testing::three_pathways(), 1),
        ("long-titles", testing::long_titles(), 20_000),
    ];
    // The shipped scenarios too, when they load.
    let shipped = [
        "scenarios/japan/pmd-act-2022.toml",
        "scenarios/bench/w1.toml",
    ];
    let shipped = shipped.into_iter().filter_map(|file| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let overrides = crate::scenario::Overrides::default();
        let model = crate::scenario::load(&path, &overrides).ok()?.model;
        let name = path.file_stem()?.to_string_lossy().into_owned();
        Some((name, model, 20_000))
    });
    let samples = samples
        .into_iter()
        .map(|(name, model, n)| (name.to_string(), model, n))
        .chain(shipped);
    for (name, model, iterations) in samples {
        let (schedules, results) = testing::run(&model, iterations);
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let ext = format.extension();
            let path = dir.join(format!("{name}-distribution.{ext}"));
            render_distribution(&model, &results, format, &path).unwrap();
            let path = dir.join(format!("{name}-timeline.{ext}"));
            render_timeline(&model, &schedules, &results, format, &path).unwrap();
        }
    }
}
