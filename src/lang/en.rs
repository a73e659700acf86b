//! English: the words regsim has always written; `--lang en` output is unchanged.

use super::Msg;

/// The English text of `m`.
pub(super) fn text(m: Msg) -> &'static str {
    TEXTS[m as usize]
}

/// The texts, in the order of [`Msg`] (its length is checked by the type).
const TEXTS: [&str; Msg::COUNT] = [
    // Msg::DistributionSubtitle
    "Days from submission to approval per pathway: {0} (seed {1})",
    // Msg::AgencyApplications
    "every application of {0} replications of the agency, waits for reviewers included",
    // Msg::MonteCarloIteration
    "{0} Monte Carlo iteration",
    // Msg::MonteCarloIterations
    "{0} Monte Carlo iterations",
    // Msg::UnitApplications
    "applications",
    // Msg::UnitIterations
    "iterations",
    // Msg::BarsPerDay
    "% of {0} per day (left axis)",
    // Msg::BarsPerBin
    "% of {0} per {1}-day bin (left axis)",
    // Msg::BarsPerAnyBin
    "% of {0} per bin (left axis)",
    // Msg::CumulativeApproved
    "Cumulative % approved (right axis)",
    // Msg::P50P80
    "P50, P80",
    // Msg::Target
    "Target",
    // Msg::ShareOf
    "Share of {0} (%)",
    // Msg::CumulativeShare
    "Cumulative share (%)",
    // Msg::DaysSubmissionToApproval
    "Days from submission to approval",
    // Msg::UnitDays
    "days",
    // Msg::UnitRegulatorDays
    "regulator days",
    // Msg::TargetLabel
    "target: {0}% within {1} {2}",
    // Msg::TargetSimulated
    "{0} (simulated: {1}%)",
    // Msg::TargetShort
    "{0}% within {1} {2}",
    // Msg::NoIterations
    "no iterations",
    // Msg::DayBins
    "{0}-day bins",
    // Msg::LongestOffScale
    "longest: {0} days (off scale)",
    // Msg::PercentileDays
    "P{0}: {1} days",
    // Msg::MedianScheduleTitleEnd
    " — median schedule",
    // Msg::IterationsSeed
    "{0} (seed {1})",
    // Msg::TimelineDetailedSubtitle
    "Every duration at its median. Whiskers: P10 to P90 over {0}.",
    // Msg::TimelineCompactSubtitle
    "Critical path at median durations (too many stages for a row each). Whiskers: P10 to P90 over {0}.",
    // Msg::DateSubmitted
    "Date (submitted {0})",
    // Msg::DaysAfterEachSubmission
    "Days after each application's submission",
    // Msg::LegendRegulator
    "Regulator",
    // Msg::LegendApplicant
    "Applicant (clock stop)",
    // Msg::LegendGateWait
    "Gate wait",
    // Msg::LegendNotInMedian
    "Not in median schedule",
    // Msg::LegendP10P90Approval
    "P10–P90 of approval",
    // Msg::LegendP10P90End
    "P10–P90 of end day",
    // Msg::LegendApproval
    "Approval",
    // Msg::LegendDaysOff
    "Days off, 3+ in a row",
    // Msg::LegendGateDates
    "Gate dates",
    // Msg::ApprovalDateDay
    "approval {0} (day {1})",
    // Msg::TornadoTitle
    "What moves P80 most: {0}",
    // Msg::TornadoSubtitle
    "P80 of review days with one stage held at its P10 or its P90, every other draw unchanged; {0}, seed {1}",
    // Msg::StageAtP10
    "stage at its P10",
    // Msg::StageAtP90
    "stage at its P90",
    // Msg::P80EveryStageFree
    "P80 with every stage free",
    // Msg::TornadoHeadingEnd
    " (P80 {0} d)",
    // Msg::NoUncertainStage
    "no uncertain stage: every duration is fixed",
    // Msg::DaysShort
    "{0} d",
    // Msg::MoreSmallerSwings
    "{0} more, smaller swings: sensitivity.csv",
    // Msg::FiscalSubtitle
    "share of {0} approved in each {1} fiscal year ({2}){3}",
    // Msg::FiscalJapanese
    "Japanese",
    // Msg::FiscalUs
    "US federal",
    // Msg::FiscalAprilMarch
    "April to March",
    // Msg::FiscalOctSep
    "October to September",
    // Msg::FiscalTrimmed
    "; first and last years under {0}% on every route not drawn (fiscal_years.csv has them)",
    // Msg::MonthSpan
    "{0} to {1}",
    // Msg::BacklogSubtitle
    "{0} replications of the agency; applications in review on the 1st of each month (median, P10 to P90) and the 80th percentile of review days of those approved each year",
    // Msg::TargetLower
    "target",
    // Msg::ApplicationsInReview
    "Applications in review",
    // Msg::ReviewDaysP80
    "Review days, 80th percentile",
    // Msg::IdDays
    "{0}: {1} days",
    // Msg::TargetInRunColour
    "Target (in its run's colour)",
    // Msg::CompareCaption
    "Days from submission to approval. Left: cumulative % approved. Right: P25 to P75 (box), median (bar), P10 to P90 (whiskers).",
    // Msg::P50ReviewDays
    "P50 review days",
    // Msg::P80
    "P80",
    // Msg::P10ToP90
    "P10 to P90",
    // Msg::ReviewsMeetingTarget
    "% of reviews meeting the target (right)",
    // Msg::TargetAsksFor
    "% the target asks for",
    // Msg::NotOpenInBaseline
    "{0} (not open in the baseline)",
    // Msg::CompareSubtitle
    "Review days, baseline and {0} with common random numbers: {1} (seed {2})",
    // Msg::OneVariant
    "variant",
    // Msg::NVariants
    "{0} variants",
    // Msg::AgencyReplications
    "{0} replications of the agency",
    // Msg::BaselineUnchanged
    "; the baseline's pathways are unchanged",
    // Msg::OneUnchangedNotShown
    "; {0} unchanged pathway not shown",
    // Msg::NUnchangedNotShown
    "; {0} unchanged pathways not shown",
    // Msg::MoreChangedIn
    "; {0} more changed pathways in {1}",
    // Msg::SweepSubtitle
    "Review days against {0}, {1} per value, same seed for every value",
    // Msg::OneStillNotShown
    "; {0} pathway the knob does not move not shown",
    // Msg::NStillNotShown
    "; {0} pathways the knob does not move not shown",
    // Msg::MoreInSweepCsv
    "; {0} more in sweep.csv",
    // Msg::MultipliedBy
    "{0} multiplied by",
    // Msg::DaysAddedTo
    "days added to {0}",
    // Msg::RunHeadline
    "{0}: {1} iterations, seed {2}, {3} s",
    // Msg::ColPathway
    "pathway",
    // Msg::ColProductPathway
    "product/pathway",
    // Msg::ColTarget
    "target",
    // Msg::ClockTotal
    "total",
    // Msg::ClockRegulator
    "regulator",
    // Msg::ClockApplicant
    "applicant",
    // Msg::SummaryTarget
    "{0}% within {1} days ({2}): met by {3}%",
    // Msg::ThenFollowUp
    "  {0}, then {1}: {2}",
    // Msg::Withdrawn
    "  {0}: {1}% withdrawn (a clock stop past its limit; not in the days above)",
    // Msg::SummaryFooter
    "  review days, submission to approval; outputs in {0}",
    // Msg::WithSet
    "with --set {0}",
    // Msg::VariantHeading
    "variant {0}: {1}",
    // Msg::LargestSwingsHeading
    "  what moves P80 most (the stage held at its P10, then its P90):
",
    // Msg::SwingLine
    "{0} {1} to {2} days (swing {3})",
    // Msg::NoUncertainStageShort
    "no uncertain stage",
    // Msg::QueueLine
    "  {0}: {1} arrivals a year; {2} days waiting for reviewers on average; {3} in review at the end (median)
",
    // Msg::QueueUnfinished
    "  warning: {0}: {1} applications still in review {2} years after the horizon (more work than reviewers); left out of the days above
",
    // Msg::PoolBusy
    "  pool {0}: reviewers busy {1}% of the time
",
    // Msg::ChartCaptionDistribution
    "Review days per pathway: histogram and cumulative curve, with the target",
    // Msg::ChartCaptionCompare
    "The baseline and its variants (--variant): cumulative curves of review days, and boxes from P25 to P75 with whiskers from P10 to P90",
    // Msg::ChartCaptionTimeline
    "The median schedule per pathway, with the P10 to P90 range of each stage's end",
    // Msg::ChartCaptionFiscal
    "Approvals by fiscal year: the share of iterations approved in each",
    // Msg::ChartCaptionBacklog
    "The agency over time: applications in review month by month (median and P10 to P90 over the replications), and review days' P80 per year against the target",
    // Msg::ChartCaptionTornado
    "What moves P80 most: each uncertain stage held at its P10 and at its P90",
    // Msg::ReportTitleSuffix
    "{0}: regsim report",
    // Msg::ReportMeta
    "Scenario file <code>{0}</code>; {1} Monte Carlo iterations, seed {2}; applications submitted {3}.",
    // Msg::TocResults
    "Results",
    // Msg::TocSensitivity
    "What moves P80 most",
    // Msg::TocCharts
    "Charts",
    // Msg::TocAtP80
    "The P80 application",
    // Msg::TocInputs
    "Inputs",
    // Msg::TocManifest
    "Manifest",
    // Msg::NoteReviewDays
    "Review days: submission to approval. ",
    // Msg::NoteFromReady
    "P80 from ready: from the day the product is ready, the evidence it must obtain first included. ",
    // Msg::NotePercentiles
    "Percentiles interpolate linearly between iterations, as summary.csv; ± is the 95% Monte Carlo half-width of P80 (1.96 standard errors, summary.csv's p80_se).",
    // Msg::AgencyHeading
    "The agency",
    // Msg::AgencyNote
    "Waits for reviewers, applications in review at the horizon's end and the pools' utilisation; queue.csv has them year by year.",
    // Msg::AtP80Heading
    "The P80 application, stage by stage",
    // Msg::AtP80Note
    "Per pathway, the simulated application whose review days are nearest the P80, each stage beside its median over all iterations: what made it long (<code>regsim explain --at p80</code>).",
    // Msg::OverridesNone
    "Overrides: none; the scenario file as it stands.",
    // Msg::OverridesGiven
    "Overrides given on the command line:",
    // Msg::ManifestNote
    "What produced these numbers: the same file, seed and iterations reproduce them byte for byte.",
    // Msg::GeneratedBy
    "Generated by regsim {0}.",
    // Msg::Baseline
    "Baseline",
    // Msg::VariantLabel
    "Variant {0}",
    // Msg::ThPathway
    "Pathway",
    // Msg::ThMean
    "Mean",
    // Msg::ThTarget
    "Target",
    // Msg::ThMeetingIt
    "Meeting it",
    // Msg::ThP80FromReady
    "P80 from ready",
    // Msg::ThApproved
    "Approved",
    // Msg::ReportTarget
    "{0}% within {1} days ({2})",
    // Msg::NoTarget
    "none",
    // Msg::SensitivityNote
    "Each uncertain stage held at the 10th and then the 90th percentile of its duration, every other draw unchanged: the swing is how far P80 of review days moves. Rank correlation: Spearman's, of the stage's days with review days. The leading stages per pathway; sensitivity.csv lists all.",
    // Msg::ThStage
    "Stage",
    // Msg::ThP80AtP10
    "P80, stage at its P10",
    // Msg::ThAtP90
    "at its P90",
    // Msg::ThSwing
    "Swing (days)",
    // Msg::ThRankCorr
    "Rank corr.",
    // Msg::Submitted
    "submitted {0}",
    // Msg::NotInMedianSchedule
    "  {0}  not in the median schedule (happens in {1}% of reviews){2}",
    // Msg::WithdrawnAtMedians
    "withdrawn: an applicant's clock stop runs past its limit at the medians",
    // Msg::GoalDate
    "goal date: {0}, {1} days after {2}",
    // Msg::FromClockStart
    "the clock start",
    // Msg::FromSubmission
    "submission",
    // Msg::FromTheSubmission
    "the submission",
    // Msg::FromEndOf
    "the end of `{0}`",
    // Msg::TargetDateLine
    "target date: {0}, {1} days after {2}: {3}% of reviews are to be approved by then
",
    // Msg::TargetRegulatorLine
    "target: {0}% of reviews within {1} regulator days; the median schedule uses {2}
",
    // Msg::AmountRounded
    "{0} {1} (the median of {2}, rounded up)",
    // Msg::Amount
    "{0} {1}",
    // Msg::UnitBusinessDays
    "business days",
    // Msg::UnitMonths
    "months",
    // Msg::CalendarDaysMedian
    "{0} calendar days (the median of {1})",
    // Msg::CalendarDays
    "{0} calendar days",
    // Msg::FromDate
    "from {0} ({1})",
    // Msg::AmountFromDate
    "{0} from {1} ({2})",
    // Msg::BusinessFromDate
    "{0} of {1} from {2} ({3}), counted from the first business day",
    // Msg::ScenarioCalendar
    "the scenario's calendar",
    // Msg::ApplicantCap
    "; the applicant has up to {0} days, else the application is withdrawn",
    // Msg::ThenGate
    "; then {0} (`{1}`): the first date on or after {2}",
    // Msg::AndPlannedDate
    " and the planned date",
    // Msg::DateReplaces
    "; this date replaces the rule's {0} ({1})",
    // Msg::IfItHappens
    "; if it happens: the goal date becomes {0}, {1} days later",
    // Msg::ReadyObtains
    "ready {0}; obtains {1} first ({2} days)",
    // Msg::Ready
    "ready {0}",
    // Msg::SubmittedAtMedian
    "submitted {0}; every duration at its median",
    // Msg::CountFromClockStart
    "review days count from the clock start",
    // Msg::ColStage
    "stage",
    // Msg::ColClock
    "clock",
    // Msg::ColCounts
    "counts",
    // Msg::ColStart
    "start",
    // Msg::ColEnd
    "end",
    // Msg::ColDays
    "days",
    // Msg::ColCritical
    "critical",
    // Msg::Skipped
    "skipped",
    // Msg::WithdrawnMedians
    "withdrawn: at the medians an applicant's clock stop runs past its limit",
    // Msg::ApprovalLine
    "approval {0}: {1} days from {2} (regulator {3}, applicant {4})
",
    // Msg::ExplainTarget
    "target: {0}% within {1} days ({2} clock); this median schedule takes {3}: {4}",
    // Msg::Within
    "within",
    // Msg::Over
    "over",
    // Msg::TimeToApproval
    "time to approval: {0} days from ready, evidence included",
    // Msg::ThenOn
    "then: {0} on {1}, {2} days after approval (at the medians; {3})",
    // Msg::ThenAtMedians
    "then: {0}: {1} at the medians",
    // Msg::WhichPathways
    "Which pathways each product may take:",
    // Msg::OutputsIn
    "  outputs in {0}",
    // Msg::BaselineLower
    "baseline",
    // Msg::CompareHeadline
    "{0}: {1} iterations, seed {2}, common random numbers, {3} s",
    // Msg::ColVariant
    "variant",
    // Msg::ColChangeCi
    "change (95% CI)",
    // Msg::ColFaster
    "faster",
    // Msg::ColTargetMet
    "target met",
    // Msg::NoReviewDaysChange
    "  no pathway's review days change",
    // Msg::SweepHeadline
    "{0}: sweep of {1} over {2} values, {3} iterations each, {4}, {5} s",
    // Msg::SeedN
    "seed {0}",
    // Msg::SeedByKnob
    "the seed set by the knob",
    // Msg::ColValue
    "value",
    // Msg::ReviewDaysFooter
    "  review days, submission to approval",
];
