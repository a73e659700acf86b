//! The timeline's layout as plain data: which rows the chart has, how tall each is,
//! how wide the label column is, what the legend lists, the last day shown, and where
//! the stage names under a compact lane go. Nothing here draws.

use crate::engine::results::RunResults;
use crate::engine::schedule::{PathwayTimes, StageTimes};
use crate::export::chart::LegendGlyph;
use crate::export::chart::font;
use crate::export::chart::style::{
    APPLICANT, AXIS, HEADING_PX, MARKER, NOT_RUN, REGULATOR, TICK_PX, tint,
};
use crate::lang::{Lang, Msg};
use crate::model::{Model, Stage};

/// Smallest stage row height, in pixels, at which every stage gets its own row.
pub(super) const MIN_ROW: f64 = 29.0;
/// Height of a pathway's heading row, in stage rows.
pub(super) const HEADING_WEIGHT: f64 = 1.35;
/// Height of a row of stage names under a compact lane.
pub(super) const NAME_ROW: i32 = 27;

/// One row of the chart.
#[derive(Debug, Clone, Copy)]
pub(super) enum Row {
    /// A pathway's title and approval.
    Heading(usize),
    /// One stage of a pathway.
    Stage(usize, usize),
    /// A pathway on one row: its critical path end to end (compact layout).
    Lane(usize),
}

/// The label of a stage row: its title, with its probability when below one.
pub(super) fn stage_label(stage: &Stage) -> String {
    if stage.probability < 1.0 {
        format!("{} ({:.0}%)", stage.title, stage.probability * 100.0)
    } else {
        stage.title.clone()
    }
}

/// Where a stage's bar runs: (start, end of work, end), in days; the part after the
/// work is the wait for a gate date.
pub(super) fn bar_days(t: &StageTimes) -> (f64, f64, f64) {
    (t.start, t.work_end, t.end)
}

/// The last day the chart must show.
pub(super) fn last_day(model: &Model, schedules: &[PathwayTimes], results: &RunResults) -> f64 {
    let mut last = 0.0f64;
    for ((p, s), r) in model.pathways.iter().zip(schedules).zip(&results.pathways) {
        last = last.max(s.review_days as f64);
        last = last.max(r.review_days.percentile(90.0).unwrap_or(0.0));
        for ((stage, t), sr) in p.stages.iter().zip(&s.stages).zip(&r.stages) {
            last = last.max(t.end);
            last = last.max(sr.end_day.percentile(90.0).unwrap_or(0.0));
            if !t.ran {
                let d = stage.duration.as_ref().map_or(0.0, |d| d.median());
                last = last.max(t.start + d);
            }
        }
    }
    if last.is_finite() && last > 0.0 {
        last
    } else {
        10.0
    }
}

/// How many lines of `size` fit in a row `h` pixels high (at most two).
pub(super) fn lines_in(h: i32, size: f64) -> usize {
    if h as f64 >= 2.25 * size { 2 } else { 1 }
}

/// The baseline that centres a line of text of `size` on `mid`.
pub(super) fn centred_baseline(mid: i32, size: f64) -> i32 {
    mid + (0.36 * size) as i32
}

/// Places names on `rows` rows below a bar, each near the stage it names (`(mid, width)`
/// in pixels, in the order of the stages) with a leader line down from the bar: no name
/// overlaps another or crosses a leader. Names are tried as a staircase twice, left to
/// right with names ending at their stage and right to left with names starting at it;
/// the arrangement that places more names wins. Returns (left, row) per name, `None`
/// for a name that found no room.
pub(super) fn place_names(
    names: &[(i32, i32)],
    rows: i32,
    plot: (i32, i32),
) -> Vec<Option<(i32, i32)>> {
    let forward = staircase(names, rows, plot, false);
    let backward = staircase(names, rows, plot, true);
    let placed = |v: &[Option<(i32, i32)>]| v.iter().flatten().count();
    if placed(&backward) > placed(&forward) {
        backward
    } else {
        forward
    }
}

pub(super) fn staircase(
    names: &[(i32, i32)],
    rows: i32,
    plot: (i32, i32),
    backward: bool,
) -> Vec<Option<(i32, i32)>> {
    const GAP: i32 = 16;
    const LEADER_CLEARANCE: i32 = 6;
    let mut out = vec![None; names.len()];
    // (row, left, right) of the names placed; (x, row) of their leaders.
    let mut placed: Vec<(i32, i32, i32)> = Vec::new();
    let mut leaders: Vec<(i32, i32)> = Vec::new();
    let order: Vec<usize> = if backward {
        (0..names.len()).rev().collect()
    } else {
        (0..names.len()).collect()
    };
    for i in order {
        let (mid, w) = names[i];
        let clamp = |left: i32| left.clamp(plot.0, (plot.1 - w).max(plot.0));
        let (ending, centred, starting) =
            (clamp(mid + 10 - w), clamp(mid - w / 2), clamp(mid - 10));
        let lefts = if backward {
            [starting, centred, ending]
        } else {
            [ending, centred, starting]
        };
        let free = |row: i32, left: i32| {
            placed.iter().all(|&(r, a, b)| {
                if r == row {
                    left + w + GAP <= a || b + GAP <= left
                } else {
                    // A name above must not be crossed by this leader.
                    r > row || mid < a - LEADER_CLEARANCE || mid > b + LEADER_CLEARANCE
                }
            }) && leaders.iter().all(|&(x, r)| {
                r <= row || x < left - LEADER_CLEARANCE || x > left + w + LEADER_CLEARANCE
            })
        };
        let found = lefts
            .iter()
            .flat_map(|&left| (0..rows).map(move |row| (row, left)))
            .find(|&(row, left)| free(row, left));
        if let Some((row, left)) = found {
            placed.push((row, left, left + w));
            leaders.push((mid, row));
            out[i] = Some((left, row));
        }
    }
    out
}

/// What the legend lists: the compact layout has no "not in median schedule" outline
/// and its whisker is of approval; days off and gate dates only on a calendar axis
/// (`one_date`) that shows them.
pub(super) fn legend_items(
    lang: Lang,
    compact: bool,
    one_date: bool,
    shaded: bool,
    marked: bool,
) -> Vec<(LegendGlyph, String)> {
    let mut items = vec![
        (
            LegendGlyph::Fill(REGULATOR),
            lang.text(Msg::LegendRegulator).to_string(),
        ),
        (
            LegendGlyph::Fill(APPLICANT),
            lang.text(Msg::LegendApplicant).to_string(),
        ),
        (
            LegendGlyph::Hatch(AXIS, tint(AXIS, 0.8)),
            lang.text(Msg::LegendGateWait).to_string(),
        ),
    ];
    if !compact {
        items.push((
            LegendGlyph::Outline(NOT_RUN),
            lang.text(Msg::LegendNotInMedian).to_string(),
        ));
    }
    items.push((
        LegendGlyph::Whisker(MARKER),
        if compact {
            lang.text(Msg::LegendP10P90Approval).to_string()
        } else {
            lang.text(Msg::LegendP10P90End).to_string()
        },
    ));
    items.push((
        LegendGlyph::Diamond(MARKER),
        lang.text(Msg::LegendApproval).to_string(),
    ));
    if one_date && shaded {
        items.push((
            LegendGlyph::Fill(crate::export::chart::dates::NON_WORKING),
            lang.text(Msg::LegendDaysOff).to_string(),
        ));
    }
    if one_date && marked {
        items.push((
            LegendGlyph::Dashed(crate::export::chart::dates::GATE_MARK),
            lang.text(Msg::LegendGateDates).to_string(),
        ));
    }
    items
}

/// The chart's rows: a heading and a row per stage for each pathway (`detailed`), or a
/// lane per pathway.
pub(super) fn rows_of(model: &Model, detailed: bool) -> Vec<Row> {
    model
        .pathways
        .iter()
        .enumerate()
        .flat_map(|(p, pathway)| {
            if detailed {
                std::iter::once(Row::Heading(p))
                    .chain((0..pathway.stages.len()).map(move |s| Row::Stage(p, s)))
                    .collect::<Vec<_>>()
            } else {
                vec![Row::Lane(p)]
            }
        })
        .collect()
}

/// The label column's width: as wide as the longest label, within limits.
pub(super) fn label_width(model: &Model, detailed: bool) -> i32 {
    if detailed {
        model
            .pathways
            .iter()
            .flat_map(|p| &p.stages)
            .map(|s| font::text_width(&stage_label(s), TICK_PX) + 24)
            .max()
            .unwrap_or(0)
    } else {
        model
            .pathways
            .iter()
            .map(|p| font::text_width(&p.title, HEADING_PX))
            .max()
            .unwrap_or(0)
    }
    .clamp(200, 520)
}

/// Where each row starts, in stage rows from the top (a heading counts
/// [`HEADING_WEIGHT`]), and after them the total.
pub(super) fn row_tops(rows: &[Row]) -> Vec<f64> {
    let weight = |row: &Row| match row {
        Row::Heading(_) => HEADING_WEIGHT,
        Row::Stage(..) | Row::Lane(_) => 1.0,
    };
    let mut tops = vec![0.0f64];
    for row in rows {
        tops.push(tops[tops.len() - 1] + weight(row));
    }
    tops
}
