//! The messages of the catalogue: one variant per sentence, label or heading, its
//! English text as its doc comment. The tables in `en` and `ja` give each its text, in
//! this order.

/// Declares [`Msg`] with [`Msg::ALL`] (every variant, in order) and [`Msg::COUNT`], so
/// the list cannot miss one.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A message of the catalogue; look it up with [`super::Lang::text`] or
        /// [`super::Lang::fill`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(usize)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// How many messages there are: the length of each language's table.
            pub const COUNT: usize = [$(stringify!($name)),*].len();

            /// Every message, in order, for the tests that check both languages.
            pub const ALL: [Msg; Msg::COUNT] = [$(Msg::$name),*];
        }
    };
}

messages! {
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
    /// {0}: {1} iterations, seed {2}, {3} s
    RunHeadline,
    /// pathway
    ColPathway,
    /// product/pathway
    ColProductPathway,
    /// target
    ColTarget,
    /// total
    ClockTotal,
    /// regulator
    ClockRegulator,
    /// applicant
    ClockApplicant,
    /// {0}% within {1} days ({2}): met by {3}%
    SummaryTarget,
    ///   {0}, then {1}: {2}
    ThenFollowUp,
    ///   {0}: {1}% withdrawn (a clock stop past its limit; not in the days above)
    Withdrawn,
    ///   review days, submission to approval; outputs in {0}
    SummaryFooter,
    /// with --set {0}
    WithSet,
    /// variant {0}: {1}
    VariantHeading,
    ///   what moves P80 most (the stage held at its P10, then its P90):

    LargestSwingsHeading,
    /// {0} {1} to {2} days (swing {3})
    SwingLine,
    /// no uncertain stage
    NoUncertainStageShort,
    ///   {0}: {1} arrivals a year; {2} days waiting for reviewers on average; {3} in review at the end (median)

    QueueLine,
    ///   warning: {0}: {1} applications still in review {2} years after the horizon (more work than reviewers); left out of the days above

    QueueUnfinished,
    ///   pool {0}: reviewers busy {1}% of the time

    PoolBusy,
    /// Review days per pathway: histogram and cumulative curve, with the target
    ChartCaptionDistribution,
    /// The baseline and its variants (--variant): cumulative curves of review days, and boxes from P25 to P75 with whiskers from P10 to P90
    ChartCaptionCompare,
    /// The median schedule per pathway, with the P10 to P90 range of each stage's end
    ChartCaptionTimeline,
    /// Approvals by fiscal year: the share of iterations approved in each
    ChartCaptionFiscal,
    /// The agency over time: applications in review month by month (median and P10 to P90 over the replications), and review days' P80 per year against the target
    ChartCaptionBacklog,
    /// What moves P80 most: each uncertain stage held at its P10 and at its P90
    ChartCaptionTornado,
    /// {0}: regsim report
    ReportTitleSuffix,
    /// Scenario file <code>{0}</code>; {1} Monte Carlo iterations, seed {2}; applications submitted {3}.
    ReportMeta,
    /// Results
    TocResults,
    /// What moves P80 most
    TocSensitivity,
    /// Charts
    TocCharts,
    /// The P80 application
    TocAtP80,
    /// Inputs
    TocInputs,
    /// Manifest
    TocManifest,
    /// Review days: submission to approval.
    NoteReviewDays,
    /// P80 from ready: from the day the product is ready, the evidence it must obtain first included.
    NoteFromReady,
    /// Percentiles interpolate linearly between iterations, as summary.csv; ± is the 95% Monte Carlo half-width of P80 (1.96 standard errors, summary.csv's p80_se).
    NotePercentiles,
    /// The agency
    AgencyHeading,
    /// Waits for reviewers, applications in review at the horizon's end and the pools' utilisation; queue.csv has them year by year.
    AgencyNote,
    /// The P80 application, stage by stage
    AtP80Heading,
    /// Per pathway, the simulated application whose review days are nearest the P80, each stage beside its median over all iterations: what made it long (<code>regsim explain --at p80</code>).
    AtP80Note,
    /// Overrides: none; the scenario file as it stands.
    OverridesNone,
    /// Overrides given on the command line:
    OverridesGiven,
    /// What produced these numbers: the same file, seed and iterations reproduce them byte for byte.
    ManifestNote,
    /// Generated by regsim {0}.
    GeneratedBy,
    /// Baseline
    Baseline,
    /// Variant {0}
    VariantLabel,
    /// Pathway
    ThPathway,
    /// Mean
    ThMean,
    /// Target
    ThTarget,
    /// Meeting it
    ThMeetingIt,
    /// P80 from ready
    ThP80FromReady,
    /// Approved
    ThApproved,
    /// {0}% within {1} days ({2})
    ReportTarget,
    /// none
    NoTarget,
    /// Each uncertain stage held at the 10th and then the 90th percentile of its duration, every other draw unchanged: the swing is how far P80 of review days moves. Rank correlation: Spearman's, of the stage's days with review days. The leading stages per pathway; sensitivity.csv lists all.
    SensitivityNote,
    /// Stage
    ThStage,
    /// P80, stage at its P10
    ThP80AtP10,
    /// at its P90
    ThAtP90,
    /// Swing (days)
    ThSwing,
    /// Rank corr.
    ThRankCorr,
    /// submitted {0}
    Submitted,
    ///   {0}  not in the median schedule (happens in {1}% of reviews){2}
    NotInMedianSchedule,
    /// withdrawn: an applicant's clock stop runs past its limit at the medians
    WithdrawnAtMedians,
    /// goal date: {0}, {1} days after {2}
    GoalDate,
    /// the clock start
    FromClockStart,
    /// submission
    FromSubmission,
    /// the submission
    FromTheSubmission,
    /// the end of {0}
    FromEndOf,
    /// target date: {0}, {1} days after {2}: {3}% of reviews are to be approved by then

    TargetDateLine,
    /// target: {0}% of reviews within {1} regulator days; the median schedule uses {2}

    TargetRegulatorLine,
    /// {0} {1} (the median of {2}, rounded up)
    AmountRounded,
    /// {0} {1}
    Amount,
    /// business days
    UnitBusinessDays,
    /// months
    UnitMonths,
    /// {0} calendar days (the median of {1})
    CalendarDaysMedian,
    /// {0} calendar days
    CalendarDays,
    /// from {0} ({1})
    FromDate,
    /// {0} from {1} ({2})
    AmountFromDate,
    /// {0} of {1} from {2} ({3}), counted from the first business day
    BusinessFromDate,
    /// the scenario's calendar
    ScenarioCalendar,
    /// ; the applicant has up to {0} days, else the application is withdrawn
    ApplicantCap,
    /// ; then {0} ({1}): the first date on or after {2}
    ThenGate,
    ///  and the planned date
    AndPlannedDate,
    /// ; this date replaces the rule's {0} ({1})
    DateReplaces,
    /// ; if it happens: the goal date becomes {0}, {1} days later
    IfItHappens,
    /// ready {0}; obtains {1} first ({2} days)
    ReadyObtains,
    /// ready {0}
    Ready,
    /// submitted {0}; every duration at its median
    SubmittedAtMedian,
    /// review days count from the clock start
    CountFromClockStart,
    /// stage
    ColStage,
    /// clock
    ColClock,
    /// counts
    ColCounts,
    /// start
    ColStart,
    /// end
    ColEnd,
    /// days
    ColDays,
    /// critical
    ColCritical,
    /// skipped
    Skipped,
    /// withdrawn: at the medians an applicant's clock stop runs past its limit
    WithdrawnMedians,
    /// approval {0}: {1} days from {2} (regulator {3}, applicant {4})

    ApprovalLine,
    /// target: {0}% within {1} days ({2} clock); this median schedule takes {3}: {4}
    ExplainTarget,
    /// within
    Within,
    /// over
    Over,
    /// time to approval: {0} days from ready, evidence included
    TimeToApproval,
    /// then: {0} on {1}, {2} days after approval (at the medians; {3})
    ThenOn,
    /// then: {0}: {1} at the medians
    ThenAtMedians,
    /// Which pathways each product may take:
    WhichPathways,
    ///   outputs in {0}
    OutputsIn,
    /// baseline
    BaselineLower,
    /// {0}: {1} iterations, seed {2}, common random numbers, {3} s
    CompareHeadline,
    /// variant
    ColVariant,
    /// change (95% CI)
    ColChangeCi,
    /// faster
    ColFaster,
    /// target met
    ColTargetMet,
    ///   no pathway's review days change
    NoReviewDaysChange,
    /// {0}: sweep of {1} over {2} values, {3} iterations each, {4}, {5} s
    SweepHeadline,
    /// seed {0}
    SeedN,
    /// the seed set by the knob
    SeedByKnob,
    /// value
    ColValue,
    ///   review days, submission to approval
    ReviewDaysFooter,
}
