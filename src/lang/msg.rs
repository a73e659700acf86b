//! The messages of the catalogue: one variant per sentence, label or heading, its
//! English text as its doc comment. Generated tables in `en` and `ja` give each its text.

/// A message of the catalogue; look it up with [`super::Lang::text`] or
/// [`super::Lang::fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Days from submission to approval per pathway: {0} (seed {1})
    DistributionSubtitle,
    /// every application of {0} replications of the agency, waits for reviewers included
    AgencyApplications,
    /// {0} Monte Carlo iteration
    MonteCarloIteration,
    /// {0} Monte Carlo iterations
    MonteCarloIterations,
    /// applications
    UnitApplications,
    /// iterations
    UnitIterations,
    /// % of {0} per day (left axis)
    BarsPerDay,
    /// % of {0} per {1}-day bin (left axis)
    BarsPerBin,
    /// % of {0} per bin (left axis)
    BarsPerAnyBin,
    /// Cumulative % approved (right axis)
    CumulativeApproved,
    /// P50, P80
    P50P80,
    /// Target
    Target,
    /// Share of {0} (%)
    ShareOf,
    /// Cumulative share (%)
    CumulativeShare,
    /// Days from submission to approval
    DaysSubmissionToApproval,
    /// days
    UnitDays,
    /// regulator days
    UnitRegulatorDays,
    /// target: {0}% within {1} {2}
    TargetLabel,
    /// {0} (simulated: {1}%)
    TargetSimulated,
    /// {0}% within {1} {2}
    TargetShort,
    /// no iterations
    NoIterations,
    /// {0}-day bins
    DayBins,
    /// longest: {0} days (off scale)
    LongestOffScale,
    /// P{0}: {1} days
    PercentileDays,
    ///  — median schedule
    MedianScheduleTitleEnd,
    /// {0} (seed {1})
    IterationsSeed,
    /// Every duration at its median. Whiskers: P10 to P90 over {0}.
    TimelineDetailedSubtitle,
    /// Critical path at median durations (too many stages for a row each). Whiskers: P10 to P90 over {0}.
    TimelineCompactSubtitle,
    /// Date (submitted {0})
    DateSubmitted,
    /// Days after each application's submission
    DaysAfterEachSubmission,
    /// Regulator
    LegendRegulator,
    /// Applicant (clock stop)
    LegendApplicant,
    /// Gate wait
    LegendGateWait,
    /// Not in median schedule
    LegendNotInMedian,
    /// P10–P90 of approval
    LegendP10P90Approval,
    /// P10–P90 of end day
    LegendP10P90End,
    /// Approval
    LegendApproval,
    /// Days off, 3+ in a row
    LegendDaysOff,
    /// Gate dates
    LegendGateDates,
    /// approval {0} (day {1})
    ApprovalDateDay,
    /// What moves P80 most: {0}
    TornadoTitle,
    /// P80 of review days with one stage held at its P10 or its P90, every other draw unchanged; {0}, seed {1}
    TornadoSubtitle,
    /// stage at its P10
    StageAtP10,
    /// stage at its P90
    StageAtP90,
    /// P80 with every stage free
    P80EveryStageFree,
    ///  (P80 {0} d)
    TornadoHeadingEnd,
    /// no uncertain stage: every duration is fixed
    NoUncertainStage,
    /// {0} d
    DaysShort,
    /// {0} more, smaller swings: sensitivity.csv
    MoreSmallerSwings,
    /// share of {0} approved in each {1} fiscal year ({2}){3}
    FiscalSubtitle,
    /// Japanese
    FiscalJapanese,
    /// US federal
    FiscalUs,
    /// April to March
    FiscalAprilMarch,
    /// October to September
    FiscalOctSep,
    /// ; first and last years under {0}% on every route not drawn (fiscal_years.csv has them)
    FiscalTrimmed,
    /// {0} to {1}
    MonthSpan,
    /// {0} replications of the agency; applications in review on the 1st of each month (median, P10 to P90) and the 80th percentile of review days of those approved each year
    BacklogSubtitle,
    /// target
    TargetLower,
    /// Applications in review
    ApplicationsInReview,
    /// Review days, 80th percentile
    ReviewDaysP80,
    /// {0}: {1} days
    IdDays,
    /// Target (in its run's colour)
    TargetInRunColour,
    /// Days from submission to approval. Left: cumulative % approved. Right: P25 to P75 (box), median (bar), P10 to P90 (whiskers).
    CompareCaption,
    /// P50 review days
    P50ReviewDays,
    /// P80
    P80,
    /// P10 to P90
    P10ToP90,
    /// % of reviews meeting the target (right)
    ReviewsMeetingTarget,
    /// % the target asks for
    TargetAsksFor,
    /// {0} (not open in the baseline)
    NotOpenInBaseline,
    /// Review days, baseline and {0} with common random numbers: {1} (seed {2})
    CompareSubtitle,
    /// variant
    OneVariant,
    /// {0} variants
    NVariants,
    /// {0} replications of the agency
    AgencyReplications,
    /// ; the baseline's pathways are unchanged
    BaselineUnchanged,
    /// ; {0} unchanged pathway not shown
    OneUnchangedNotShown,
    /// ; {0} unchanged pathways not shown
    NUnchangedNotShown,
    /// ; {0} more changed pathways in {1}
    MoreChangedIn,
    /// Review days against {0}, {1} per value, same seed for every value
    SweepSubtitle,
    /// ; {0} pathway the knob does not move not shown
    OneStillNotShown,
    /// ; {0} pathways the knob does not move not shown
    NStillNotShown,
    /// ; {0} more in sweep.csv
    MoreInSweepCsv,
    /// {0} multiplied by
    MultipliedBy,
    /// days added to {0}
    DaysAddedTo,
}

impl Msg {
    /// Every message, for the tests that check both languages have it.
    pub const ALL: &'static [Msg] = &[
        Msg::DistributionSubtitle,
        Msg::AgencyApplications,
        Msg::MonteCarloIteration,
        Msg::MonteCarloIterations,
        Msg::UnitApplications,
        Msg::UnitIterations,
        Msg::BarsPerDay,
        Msg::BarsPerBin,
        Msg::BarsPerAnyBin,
        Msg::CumulativeApproved,
        Msg::P50P80,
        Msg::Target,
        Msg::ShareOf,
        Msg::CumulativeShare,
        Msg::DaysSubmissionToApproval,
        Msg::UnitDays,
        Msg::UnitRegulatorDays,
        Msg::TargetLabel,
        Msg::TargetSimulated,
        Msg::TargetShort,
        Msg::NoIterations,
        Msg::DayBins,
        Msg::LongestOffScale,
        Msg::PercentileDays,
        Msg::MedianScheduleTitleEnd,
        Msg::IterationsSeed,
        Msg::TimelineDetailedSubtitle,
        Msg::TimelineCompactSubtitle,
        Msg::DateSubmitted,
        Msg::DaysAfterEachSubmission,
        Msg::LegendRegulator,
        Msg::LegendApplicant,
        Msg::LegendGateWait,
        Msg::LegendNotInMedian,
        Msg::LegendP10P90Approval,
        Msg::LegendP10P90End,
        Msg::LegendApproval,
        Msg::LegendDaysOff,
        Msg::LegendGateDates,
        Msg::ApprovalDateDay,
        Msg::TornadoTitle,
        Msg::TornadoSubtitle,
        Msg::StageAtP10,
        Msg::StageAtP90,
        Msg::P80EveryStageFree,
        Msg::TornadoHeadingEnd,
        Msg::NoUncertainStage,
        Msg::DaysShort,
        Msg::MoreSmallerSwings,
        Msg::FiscalSubtitle,
        Msg::FiscalJapanese,
        Msg::FiscalUs,
        Msg::FiscalAprilMarch,
        Msg::FiscalOctSep,
        Msg::FiscalTrimmed,
        Msg::MonthSpan,
        Msg::BacklogSubtitle,
        Msg::TargetLower,
        Msg::ApplicationsInReview,
        Msg::ReviewDaysP80,
        Msg::IdDays,
        Msg::TargetInRunColour,
        Msg::CompareCaption,
        Msg::P50ReviewDays,
        Msg::P80,
        Msg::P10ToP90,
        Msg::ReviewsMeetingTarget,
        Msg::TargetAsksFor,
        Msg::NotOpenInBaseline,
        Msg::CompareSubtitle,
        Msg::OneVariant,
        Msg::NVariants,
        Msg::AgencyReplications,
        Msg::BaselineUnchanged,
        Msg::OneUnchangedNotShown,
        Msg::NUnchangedNotShown,
        Msg::MoreChangedIn,
        Msg::SweepSubtitle,
        Msg::OneStillNotShown,
        Msg::NStillNotShown,
        Msg::MoreInSweepCsv,
        Msg::MultipliedBy,
        Msg::DaysAddedTo,
    ];
}
