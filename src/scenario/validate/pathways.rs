//! Pathways and their stages: ids, targets, references, and the stage graph in
//! topological order.

use std::collections::HashMap;

use toml::Spanned;

use super::Validator;
use crate::diagnostic::did_you_mean;
use crate::model::{Clock, DayCount, Pathway, Stage, Target, TargetClock};
use crate::scenario::raw::{RawClock, RawDays, RawPathway, RawStage, RawTarget, RawTargetClock};

impl Validator {
    pub(super) fn pathway(
        &mut self,
        p: &RawPathway,
        gate_ids: &[&str],
        evidence_ids: &[&str],
        calendar_ids: &[&str],
    ) -> Option<Pathway> {
        let pid = p.id.get_ref();
        self.check_id(&p.id, "pathway id");
        if p.stage.is_empty() {
            self.error(
                p.id.span(),
                format!("pathway `{pid}` has no stages"),
                Some("add [[pathway.stage]] tables after this pathway".into()),
            );
            return None;
        }
        let target = p.target.as_ref().and_then(|t| self.target(t));
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut ok = target.is_some() || p.target.is_none();
        let eligibility = p
            .eligibility
            .as_ref()
            .map(|e| self.eligibility(e.get_ref(), evidence_ids));
        let follow_up = p.follow_up.as_ref().map(|f| self.follow_up(f.get_ref()));
        let updates = p.updates.as_ref().map(|u| self.updates(u.get_ref()));
        let clock_start = p.clock_start.as_ref().map(|c| self.clock_start(c));
        ok &= clock_start.is_none_or(|c| c.is_some());
        ok &= eligibility.as_ref().is_none_or(Option::is_some)
            && follow_up.as_ref().is_none_or(Option::is_some)
            && updates.as_ref().is_none_or(Option::is_some);
        for (i, s) in p.stage.iter().enumerate() {
            self.check_id(&s.id, "stage id");
            if index.insert(s.id.get_ref(), i).is_some() {
                self.error(
                    s.id.span(),
                    format!(
                        "stage id `{}` is used twice in pathway `{pid}`",
                        s.id.get_ref()
                    ),
                    Some("give every stage of a pathway its own id".into()),
                );
                ok = false;
            }
        }
        let ids: Vec<&str> = p.stage.iter().map(|s| s.id.get_ref().as_str()).collect();
        // Dependencies in file order, then the stages in topological order.
        let mut after: Vec<Vec<usize>> = Vec::new();
        let mut stages = Vec::new();
        for (i, s) in p.stage.iter().enumerate() {
            let deps = match &s.after {
                None if i > 0 => vec![i - 1],
                None => Vec::new(),
                Some(list) => {
                    let mut deps = Vec::new();
                    for a in list {
                        match index.get(a.get_ref().as_str()) {
                            Some(&j) if j == i => {
                                self.error(
                                    a.span(),
                                    format!("stage `{}` waits for itself", s.id.get_ref()),
                                    Some("remove it from its own `after` list".into()),
                                );
                                ok = false;
                            }
                            Some(&j) => deps.push(j),
                            None => {
                                let help = match did_you_mean(a.get_ref(), ids.iter().copied()) {
                                    Some(near) => format!(
                                        "did you mean `{near}`? `after` names stages of the same pathway"
                                    ),
                                    None => format!(
                                        "`after` names stages of the same pathway: {}",
                                        ids.join(", ")
                                    ),
                                };
                                self.error(
                                    a.span(),
                                    format!(
                                        "stage `{}` does not exist in pathway `{pid}`",
                                        a.get_ref()
                                    ),
                                    Some(help),
                                );
                                ok = false;
                            }
                        }
                    }
                    deps.sort_unstable();
                    deps.dedup();
                    deps
                }
            };
            after.push(deps);
            stages.push(self.stage(s, gate_ids, calendar_ids));
        }
        if !ok {
            return None;
        }
        let order = match topological_order(&after) {
            Ok(order) => order,
            Err(cycle) => {
                let names: Vec<&str> = cycle.iter().map(|&i| ids[i]).collect();
                let first = &p.stage[cycle[0]];
                let span = first
                    .after
                    .as_ref()
                    .and_then(|a| a.first())
                    .map_or(first.id.span(), |a| a.span());
                self.error(
                    span,
                    format!("the stages of pathway `{pid}` wait for each other in a cycle: {} → {}", names.join(" → "), names[0]),
                    Some("a stage can only wait for stages that can finish without it; remove one of these `after` entries".into()),
                );
                return None;
            }
        };
        let stages: Option<Vec<Stage>> = stages.into_iter().collect();
        let mut stages = stages?;
        let mut position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        for (old, s) in stages.iter_mut().enumerate() {
            s.after = after[old].iter().map(|&j| position[j]).collect();
        }
        let mut sorted: Vec<Option<Stage>> = stages.into_iter().map(Some).collect();
        let stages = order
            .iter()
            .map(|&old| sorted[old].take().expect("each stage once"))
            .collect();
        Some(Pathway {
            id: pid.clone(),
            title: self.lang.pick(&p.title, p.title_ja.as_deref()).to_string(),
            kind: p.kind.clone(),
            target,
            stages,
            eligibility: eligibility.flatten(),
            case: None,
            follow_up: follow_up.flatten(),
            updates: updates.flatten(),
            clock_start: clock_start.flatten(),
        })
    }

    pub(super) fn check_id(&mut self, id: &Spanned<String>, what: &str) {
        let s = id.get_ref();
        let mut chars = s.chars();
        let good_start = chars.next().is_some_and(|c| c.is_alphanumeric());
        let good_rest = s
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
        if !good_start || !good_rest {
            self.error(
                id.span(),
                format!("{what} `{s}` must start with a letter or digit and contain only letters, digits, `-`, `_` and `.`"),
                Some("ids appear in CSV files and on the command line; e.g. `team-review`".into()),
            );
        }
    }

    pub(super) fn target(&mut self, t: &Spanned<RawTarget>) -> Option<Target> {
        let raw = t.get_ref();
        let days = *raw.days.get_ref();
        let percentile = *raw.percentile.get_ref();
        let mut ok = true;
        if !(days.is_finite() && days > 0.0) {
            self.error(
                raw.days.span(),
                format!("target days must be a positive number, not {days}"),
                None,
            );
            ok = false;
        }
        if !(percentile.is_finite() && percentile > 0.0 && percentile <= 100.0) {
            self.error(
                raw.percentile.span(),
                format!("target percentile must be above 0 and at most 100, not {percentile}"),
                Some("e.g. percentile = 80 for \"80% of reviews within the target\"".into()),
            );
            ok = false;
        }
        ok.then_some(Target {
            days,
            percentile,
            clock: match raw.clock {
                RawTargetClock::Total => TargetClock::Total,
                RawTargetClock::Regulator => TargetClock::Regulator,
            },
        })
    }

    pub(super) fn stage(
        &mut self,
        s: &RawStage,
        gate_ids: &[&str],
        calendar_ids: &[&str],
    ) -> Option<Stage> {
        let sid = s.id.get_ref();
        let mut ok = true;
        let months = self.stage_months(s, &mut ok);
        let calendar = match &s.calendar {
            None => None,
            Some(c) => {
                if s.days.as_ref().map(|d| *d.get_ref()) != Some(RawDays::Business) {
                    self.error(
                        c.span(),
                        format!("stage `{sid}` names a calendar but counts calendar days"),
                        Some("add `days = \"business\"`: the calendar says which days are business days".into()),
                    );
                    ok = false;
                }
                // Unknown names were reported when the calendars were read.
                calendar_ids.iter().position(|id| id == c.get_ref())
            }
        };
        let max_days = self.stage_max_days(s, &mut ok);
        let duration = match &s.duration {
            _ if months.is_some() => {
                months.map(|m| crate::model::duration::Duration::Fixed { days: m })
            }
            Some(d) => {
                let parsed = self.duration(d);
                ok &= parsed.is_some();
                parsed
            }
            None if s.gate.is_none() && s.duration_months.is_none() => {
                self.error(s.id.span(), format!("stage `{sid}` has no duration"), Some("add `duration = 14` (days) or a distribution, e.g. duration = { distribution = \"triangular\", min = 60, mode = 90, max = 150 }".into()));
                ok = false;
                None
            }
            None => None,
        };
        let probability = self.stage_probability(s, &mut ok);
        let gate = self.stage_gate(s, gate_ids, &mut ok);
        let planned_within = self.stage_planned_within(s, &mut ok);
        ok.then(|| Stage {
            id: sid.clone(),
            title: match self.lang.pick(&s.title, s.title_ja.as_deref()) {
                "" => sid.clone(),
                t => t.to_string(),
            },
            clock: match s.clock.get_ref() {
                RawClock::Regulator => Clock::Regulator,
                RawClock::Applicant => Clock::Applicant,
            },
            duration,
            days: match s.days.as_ref().map(|d| *d.get_ref()) {
                _ if s.duration_months.is_some() => DayCount::Months,
                Some(RawDays::Business) => DayCount::Business,
                _ => DayCount::Calendar,
            },
            calendar,
            max_days,
            after: Vec::new(),
            probability,
            gate,
            planned_within,
        })
    }

    /// `duration_months`: a whole number of months from 0 to 600, and not beside `duration` or `days`.
    fn stage_months(&mut self, s: &RawStage, ok: &mut bool) -> Option<f64> {
        let sid = s.id.get_ref();
        s.duration_months.as_ref().and_then(|m| {
            let v = *m.get_ref();
            if s.duration.is_some() || s.days.is_some() {
                self.error(
                    m.span(),
                    format!("stage `{sid}` gives `duration_months` and also `duration` or `days`"),
                    Some("use `duration_months = 10` alone for a span in calendar months, or `duration` (in `days`)".into()),
                );
                *ok = false;
                None
            } else if (0..=600).contains(&v) {
                Some(v as f64)
            } else {
                self.error(
                    m.span(),
                    format!("`duration_months` must be a whole number of months from 0 to 600, not {v}"),
                    Some("e.g. duration_months = 10 for a goal 10 months after the stage starts".into()),
                );
                *ok = false;
                None
            }
        })
    }

    /// `max_days`: a positive cap on an applicant's clock stop, only on the applicant's clock.
    fn stage_max_days(&mut self, s: &RawStage, ok: &mut bool) -> Option<f64> {
        match &s.max_days {
            None => None,
            Some(m) => {
                let v = *m.get_ref();
                if *s.clock.get_ref() != RawClock::Applicant {
                    self.error(
                        m.span(),
                        "`max_days` caps an applicant's clock stop, but this stage is on the regulator's clock",
                        Some("set `clock = \"applicant\"`, or remove `max_days`".into()),
                    );
                    *ok = false;
                } else if !(v.is_finite() && v > 0.0) {
                    self.error(
                        m.span(),
                        format!("`max_days` must be a positive number of days, not {v}"),
                        Some("e.g. max_days = 180: an applicant who needs longer withdraws".into()),
                    );
                    *ok = false;
                }
                Some(v)
            }
        }
    }

    /// `probability`: above 0 and at most 1; 1 when the stage gives none.
    fn stage_probability(&mut self, s: &RawStage, ok: &mut bool) -> f64 {
        match &s.probability {
            None => 1.0,
            Some(p) => {
                let v = *p.get_ref();
                if !(v > 0.0 && v <= 1.0) {
                    self.error(
                        p.span(),
                        format!("probability must be above 0 and at most 1, not {v}"),
                        Some(
                            "e.g. probability = 0.6 for a stage that happens in 60% of reviews"
                                .into(),
                        ),
                    );
                    *ok = false;
                }
                v
            }
        }
    }

    /// `gate`: the index of a gate the scenario defines, among `gate_ids`.
    fn stage_gate(&mut self, s: &RawStage, gate_ids: &[&str], ok: &mut bool) -> Option<usize> {
        match &s.gate {
            None => None,
            Some(g) => match gate_ids.iter().position(|id| id == g.get_ref()) {
                Some(i) => Some(i),
                None => {
                    let help = match did_you_mean(g.get_ref(), gate_ids.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if gate_ids.is_empty() => "define it in a [[gate]] table".to_string(),
                        None => format!("the scenario's gates are: {}", gate_ids.join(", ")),
                    };
                    self.error(
                        g.span(),
                        format!("gate `{}` is not defined", g.get_ref()),
                        Some(help),
                    );
                    *ok = false;
                    None
                }
            },
        }
    }

    /// `planned_within`: a number of days from 0 up, only on a gated stage.
    fn stage_planned_within(&mut self, s: &RawStage, ok: &mut bool) -> Option<u32> {
        match (&s.planned_within, &s.gate) {
            (None, _) => None,
            (Some(p), None) => {
                self.error(
                    p.span(),
                    "`planned_within` needs a gate to plan for",
                    Some("add `gate = \"...\"`, or remove `planned_within`".into()),
                );
                *ok = false;
                None
            }
            (Some(p), Some(_)) => {
                let v = *p.get_ref();
                if v.is_finite() && v >= 0.0 && v <= crate::model::HORIZON_DAYS as f64 / 2.0 {
                    Some(v.round() as u32)
                } else {
                    self.error(
                        p.span(),
                        format!("`planned_within` must be a number of days from 0 up, not {v}"),
                        Some("e.g. planned_within = 365 for a review planned to end within its 12-month target".into()),
                    );
                    *ok = false;
                    None
                }
            }
        }
    }
}

/// Kahn's algorithm, taking the earliest stage in file order whenever several are ready,
/// so a file already in order keeps its order. On a cycle, returns one cycle's stages.
fn topological_order(after: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    let n = after.len();
    let mut waiting: Vec<usize> = after.iter().map(Vec::len).collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let Some(next) = (0..n).find(|&i| !done[i] && waiting[i] == 0) else {
            return Err(find_cycle(after, &done));
        };
        done[next] = true;
        order.push(next);
        for (i, deps) in after.iter().enumerate() {
            if deps.contains(&next) {
                waiting[i] -= 1;
            }
        }
    }
    Ok(order)
}

/// A cycle among the stages not yet ordered: follow unfinished dependencies until a
/// stage repeats; returned in waiting order (each stage waits for the next).
fn find_cycle(after: &[Vec<usize>], done: &[bool]) -> Vec<usize> {
    let mut path = Vec::new();
    let mut current = (0..after.len())
        .find(|&i| !done[i])
        .expect("an unfinished stage");
    loop {
        if let Some(pos) = path.iter().position(|&s| s == current) {
            let mut cycle: Vec<usize> = path[pos..].to_vec();
            // Name the cycle in the direction of time: each stage runs before the next.
            cycle.reverse();
            let first = (0..cycle.len())
                .min_by_key(|&k| cycle[k])
                .expect("non-empty");
            cycle.rotate_left(first);
            return cycle;
        }
        path.push(current);
        current = *after[current]
            .iter()
            .find(|&&d| !done[d])
            .expect("an unfinished stage waits for an unfinished stage");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keeps_file_order_when_possible() {
        let after = vec![vec![], vec![0], vec![0], vec![1, 2]];
        assert_eq!(topological_order(&after), Ok(vec![0, 1, 2, 3]));
        let after = vec![vec![1], vec![]];
        assert_eq!(topological_order(&after), Ok(vec![1, 0]));
    }

    #[test]
    fn cycles_are_named_in_time_order() {
        // 0 waits for 2, 2 waits for 1, 1 waits for 0: 0 runs before 1 before 2.
        let after = vec![vec![2], vec![0], vec![1], vec![]];
        assert_eq!(topological_order(&after), Err(vec![0, 1, 2]));
    }
}
