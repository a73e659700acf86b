//! Japanese: the terms as PMDA and MHLW write them in their review-time reports.
//!
//! Where each term comes from (the pages were read when the catalogue was written):
//!
//! - 審査期間, 総審査期間: PMDA, 「新医薬品の審査期間」 and 「新医薬品（通常品目）の総審査期間」 in its published outline (https://www.pmda.go.jp/about-pmda/outline/digitalbook/pageindices/index14.html).
//! - 申請, 申請者: PMDA outline above: 「申請者」, 「申請された品目」.
//! - 承認: PMDA outline above: 「医薬品・医療機器等の承認審査と承認の流れ」.
//! - パーセンタイル値: PMDA outline above, review-time table headings 「パーセンタイル値」; MHLW's material writes 50%タイル値.
//! - 目標: PMDA outline above: 「12ヶ月（優先審査品目については9ヶ月）を目標として」; MHLW's KPI table above: 「目標」.
//! - 行政側期間: MHLW's material to the Regulatory Reform Council, 2023-12-11, KPI table 「実績（行政側期間）」 (https://www8.cao.go.jp/kisei-kaikaku/kisei/meeting/wg/2310_04medical/231211/medical03_agenda.html, as transcribed at https://wic-net.com/material/document/12537/14).
//! - 申請者側期間: the term of PMDA's published review-time tables (the regulator/applicant split); MHLW's KPI material above says 企業側持ち時間 for the same time.
//! - 初回面談, 重要事項照会, 専門協議, 医薬品部会: MHLW's standard-process timeline as reported by Yakuji Nippo (https://www.yakuji.co.jp/entry26040.html).
//! - 年度: PMDA outline above: 「2019年度」 … 「2023年度」 as the columns of its review-time tables.
//!
//! Words with no official counterpart (chart furniture: 累積割合, 区間, シード) are plain
//! Japanese. Routes: 通常承認, 優先審査, 先駆け, 条件付き承認, 特例承認 and 緊急承認 are the
//! pathways' titles in the shipped scenarios (`title_ja`), sourced there.

use super::Msg;

/// The Japanese text of `m`.
pub(super) fn text(m: Msg) -> &'static str {
    TEXTS[m as usize]
}

/// The texts, in the order of [`Msg`] (its length is checked by the type).
const TEXTS: [&str; Msg::COUNT] = [
    // Msg::DistributionSubtitle; 審査期間, 総審査期間
    "審査経路別の申請から承認までの日数: {0}（シード {1}）",
    // Msg::AgencyApplications
    "審査機関の{0}回の反復の全申請（審査待ちを含む）",
    // Msg::MonteCarloIteration
    "モンテカルロ試行 {0}回",
    // Msg::MonteCarloIterations
    "モンテカルロ試行 {0}回",
    // Msg::UnitApplications; 申請, 申請者
    "申請",
    // Msg::UnitIterations
    "試行",
    // Msg::BarsPerDay
    "{0}の割合 %（1日ごと、左軸）",
    // Msg::BarsPerBin
    "{0}の割合 %（{1}日ごと、左軸）",
    // Msg::BarsPerAnyBin
    "{0}の割合 %（区間ごと、左軸）",
    // Msg::CumulativeApproved; 承認
    "承認の累積割合 %（右軸）",
    // Msg::P50P80; パーセンタイル値
    "P50、P80",
    // Msg::Target; 目標
    "目標",
    // Msg::ShareOf
    "{0}の割合（%）",
    // Msg::CumulativeShare
    "累積割合（%）",
    // Msg::DaysSubmissionToApproval; 審査期間, 総審査期間
    "申請から承認までの日数",
    // Msg::UnitDays
    "日",
    // Msg::UnitRegulatorDays; 行政側期間
    "日（行政側期間）",
    // Msg::TargetLabel; 目標
    "目標: {0}%が{1}{2}以内",
    // Msg::TargetSimulated
    "{0}（シミュレーション: {1}%）",
    // Msg::TargetShort
    "{0}%が{1}{2}以内",
    // Msg::NoIterations
    "試行なし",
    // Msg::DayBins
    "{0}日区間",
    // Msg::LongestOffScale
    "最長: {0}日（範囲外）",
    // Msg::PercentileDays; パーセンタイル値
    "P{0}: {1}日",
    // Msg::MedianScheduleTitleEnd
    "（中央値のスケジュール）",
    // Msg::IterationsSeed
    "{0}（シード {1}）",
    // Msg::TimelineDetailedSubtitle; パーセンタイル値
    "各期間は中央値。ひげ: {0}のP10〜P90。",
    // Msg::TimelineCompactSubtitle; パーセンタイル値
    "中央値でのクリティカルパス（段階が多いため1行ずつは表示しない）。ひげ: {0}のP10〜P90。",
    // Msg::DateSubmitted; 申請, 申請者
    "日付（申請日 {0}）",
    // Msg::DaysAfterEachSubmission; 申請, 申請者
    "各申請の申請日からの日数",
    // Msg::LegendRegulator; 行政側期間
    "行政側期間",
    // Msg::LegendApplicant; 申請者側期間
    "申請者側期間（クロック停止）",
    // Msg::LegendGateWait
    "定例日待ち",
    // Msg::LegendNotInMedian
    "中央値のスケジュールにない段階",
    // Msg::LegendP10P90Approval; 承認
    "承認日のP10〜P90",
    // Msg::LegendP10P90End
    "終了日のP10〜P90",
    // Msg::LegendApproval; 承認
    "承認",
    // Msg::LegendDaysOff
    "3日以上続く休日",
    // Msg::LegendGateDates; 初回面談, 重要事項照会, 専門協議, 医薬品部会
    "定例日",
    // Msg::ApprovalDateDay; 承認
    "承認 {0}（{1}日目）",
    // Msg::TornadoTitle; パーセンタイル値
    "P80を最も動かす段階: {0}",
    // Msg::TornadoSubtitle; 審査期間, 総審査期間
    "1段階をそのP10またはP90に固定し他の抽出は同じにしたときの審査期間のP80; {0}、シード {1}",
    // Msg::StageAtP10
    "段階をP10に固定",
    // Msg::StageAtP90
    "段階をP90に固定",
    // Msg::P80EveryStageFree
    "全段階を変動させたP80",
    // Msg::TornadoHeadingEnd
    "（P80 {0}日）",
    // Msg::NoUncertainStage
    "不確実な段階なし: すべての期間が固定",
    // Msg::DaysShort
    "{0}日",
    // Msg::MoreSmallerSwings
    "ほか{0}段階（振れ幅はより小さい）: sensitivity.csv",
    // Msg::FiscalSubtitle; 年度
    "{1}の各年度（{2}）に承認された割合、{0}{3}",
    // Msg::FiscalJapanese; 年度
    "日本",
    // Msg::FiscalUs
    "米国連邦",
    // Msg::FiscalAprilMarch
    "4月〜3月",
    // Msg::FiscalOctSep
    "10月〜9月",
    // Msg::FiscalTrimmed; 年度
    "; 全経路で{0}%未満の最初と最後の年度は省略（fiscal_years.csvにあり）",
    // Msg::MonthSpan
    "{0}〜{1}",
    // Msg::BacklogSubtitle; パーセンタイル値
    "審査機関の{0}回の反復; 毎月1日に審査中の申請数（中央値、P10〜P90）と各年に承認された申請の審査期間の80パーセンタイル値",
    // Msg::TargetLower; 目標
    "目標",
    // Msg::ApplicationsInReview; 申請, 申請者
    "審査中の申請数",
    // Msg::ReviewDaysP80; 審査期間, 総審査期間
    "審査期間（日）、80パーセンタイル値",
    // Msg::IdDays
    "{0}: {1}日",
    // Msg::TargetInRunColour; 目標
    "目標（各実行の色）",
    // Msg::CompareCaption; 承認
    "申請から承認までの日数。左: 承認の累積割合 %。右: P25〜P75（箱）、中央値（線）、P10〜P90（ひげ）。",
    // Msg::P50ReviewDays; 審査期間, 総審査期間
    "審査期間のP50",
    // Msg::P80; パーセンタイル値
    "P80",
    // Msg::P10ToP90; パーセンタイル値
    "P10〜P90",
    // Msg::ReviewsMeetingTarget; 目標
    "目標を達成した審査の割合 %（右軸）",
    // Msg::TargetAsksFor; 目標
    "目標が求める割合 %",
    // Msg::NotOpenInBaseline
    "{0}（ベースラインでは対象外）",
    // Msg::CompareSubtitle; 審査期間, 総審査期間
    "審査期間、ベースラインと{0}（共通乱数）: {1}（シード {2}）",
    // Msg::OneVariant
    "バリアント",
    // Msg::NVariants
    "{0}個のバリアント",
    // Msg::AgencyReplications
    "審査機関の{0}回の反復",
    // Msg::BaselineUnchanged
    "; ベースラインの審査経路は変化なし",
    // Msg::OneUnchangedNotShown
    "; 変化のない{0}経路は非表示",
    // Msg::NUnchangedNotShown
    "; 変化のない{0}経路は非表示",
    // Msg::MoreChangedIn
    "; ほか{0}経路の変化は{1}に",
    // Msg::SweepSubtitle; 審査期間, 総審査期間
    "{0}に対する審査期間、各値{1}、全値で同じシード",
    // Msg::OneStillNotShown
    "; 変化しない{0}経路は非表示",
    // Msg::NStillNotShown
    "; 変化しない{0}経路は非表示",
    // Msg::MoreInSweepCsv
    "; ほか{0}経路はsweep.csvに",
    // Msg::MultipliedBy
    "{0}の倍率",
    // Msg::DaysAddedTo
    "{0}に加える日数",
    // Msg::RunHeadline
    "{0}: 試行{1}回、シード {2}、{3} 秒",
    // Msg::ColPathway
    "審査経路",
    // Msg::ColProductPathway
    "品目/審査経路",
    // Msg::ColTarget; 目標
    "目標",
    // Msg::ClockTotal; 審査期間, 総審査期間
    "総審査期間",
    // Msg::ClockRegulator; 行政側期間
    "行政側期間",
    // Msg::ClockApplicant; 申請者側期間
    "申請者側期間",
    // Msg::SummaryTarget; 目標
    "{1}日以内に{0}%（{2}）: 達成 {3}%",
    // Msg::ThenFollowUp
    "  {0}、その後 {1}: {2}",
    // Msg::Withdrawn
    "  {0}: {1}% 取下げ（クロック停止が上限を超過; 上の日数には含まない）",
    // Msg::SummaryFooter; 審査期間, 総審査期間
    "  審査期間は申請から承認まで; 出力先 {0}",
    // Msg::WithSet
    "--set {0} を適用",
    // Msg::VariantHeading
    "バリアント {0}: {1}",
    // Msg::LargestSwingsHeading; パーセンタイル値
    "  P80を最も動かす段階（その段階をP10、次にP90に固定）:
",
    // Msg::SwingLine
    "{0} {1}〜{2}日（振れ幅 {3}）",
    // Msg::NoUncertainStageShort
    "不確実な段階なし",
    // Msg::QueueLine; 申請, 申請者
    "  {0}: 年間申請 {1}件; 審査待ち平均 {2}日; 期末の審査中 {3}件（中央値）
",
    // Msg::QueueUnfinished
    "  警告: {0}: 期間終了の{2}年後も{1}件が審査中（審査員に対し業務過多）; 上の日数には含まない
",
    // Msg::PoolBusy
    "  審査員グループ {0}: 稼働率 {1}%
",
    // Msg::ChartCaptionDistribution; 審査期間, 総審査期間
    "審査経路別の審査期間: ヒストグラムと累積曲線、目標つき",
    // Msg::ChartCaptionCompare; 審査期間, 総審査期間
    "ベースラインとバリアント（--variant）: 審査期間の累積曲線と、P25〜P75の箱・P10〜P90のひげ",
    // Msg::ChartCaptionTimeline
    "審査経路別の中央値のスケジュールと、各段階の終了日のP10〜P90",
    // Msg::ChartCaptionFiscal; 年度
    "年度別の承認: 各年度に承認された試行の割合",
    // Msg::ChartCaptionBacklog; 目標
    "審査機関の推移: 月ごとの審査中の申請数（反復の中央値とP10〜P90）と、年ごとの審査期間のP80と目標",
    // Msg::ChartCaptionTornado
    "P80を最も動かす段階: 不確実な各段階をP10とP90に固定",
    // Msg::ReportTitleSuffix
    "{0}: regsim レポート",
    // Msg::ReportMeta; 申請, 申請者
    "シナリオファイル <code>{0}</code>; モンテカルロ試行 {1}回、シード {2}; 申請日 {3}。",
    // Msg::TocResults
    "結果",
    // Msg::TocSensitivity
    "P80を最も動かす段階",
    // Msg::TocCharts
    "グラフ",
    // Msg::TocAtP80
    "P80の申請",
    // Msg::TocInputs
    "入力",
    // Msg::TocManifest
    "マニフェスト",
    // Msg::NoteReviewDays; 審査期間, 総審査期間
    "審査期間: 申請から承認まで。",
    // Msg::NoteFromReady
    "準備完了からのP80: 品目の準備ができた日から、先に得るべきエビデンスの期間を含む。",
    // Msg::NotePercentiles; パーセンタイル値
    "パーセンタイル値は summary.csv と同じく試行間を線形補間; ± はP80のモンテカルロ誤差の95%半幅（標準誤差の1.96倍、summary.csv の p80_se）。",
    // Msg::AgencyHeading
    "審査機関",
    // Msg::AgencyNote
    "審査待ち、期間終了時の審査中の申請、審査員グループの稼働率; 年ごとの値は queue.csv に。",
    // Msg::AtP80Heading
    "P80の申請、段階ごと",
    // Msg::AtP80Note; パーセンタイル値
    "審査経路ごとに、審査期間がP80に最も近いシミュレーション上の申請を、各段階の全試行での中央値と並べて示す: 何が長くしたか（<code>regsim explain --at p80</code>）。",
    // Msg::OverridesNone
    "上書き: なし; シナリオファイルのまま。",
    // Msg::OverridesGiven
    "コマンドラインで指定した上書き:",
    // Msg::ManifestNote
    "これらの数値を生んだもの: 同じファイル、シード、試行回数でバイト単位で再現される。",
    // Msg::GeneratedBy
    "regsim {0} で生成。",
    // Msg::Baseline
    "ベースライン",
    // Msg::VariantLabel
    "バリアント {0}",
    // Msg::ThPathway
    "審査経路",
    // Msg::ThMean
    "平均",
    // Msg::ThTarget; 目標
    "目標",
    // Msg::ThMeetingIt; 目標
    "達成割合",
    // Msg::ThP80FromReady
    "準備完了からのP80",
    // Msg::ThApproved; 承認
    "承認",
    // Msg::ReportTarget; 目標
    "{1}日以内に{0}%（{2}）",
    // Msg::NoTarget
    "なし",
    // Msg::SensitivityNote; パーセンタイル値
    "不確実な各段階をその期間の10パーセンタイル値、次に90パーセンタイル値に固定し、他の抽出は同じにする: 振れ幅は審査期間のP80が動く日数。順位相関: 段階の日数と審査期間のスピアマン順位相関。審査経路ごとの上位の段階; すべては sensitivity.csv に。",
    // Msg::ThStage
    "段階",
    // Msg::ThP80AtP10
    "P80（段階をP10に固定）",
    // Msg::ThAtP90
    "P90に固定",
    // Msg::ThSwing
    "振れ幅（日）",
    // Msg::ThRankCorr
    "順位相関",
    // Msg::Submitted; 申請, 申請者
    "申請日 {0}",
    // Msg::NotInMedianSchedule
    "  {0}  中央値のスケジュールにない（審査の{1}%で発生）{2}",
    // Msg::WithdrawnAtMedians
    "取下げ: 中央値では申請者のクロック停止が上限を超える",
    // Msg::GoalDate; 目標
    "目標日: {0}、{2}から{1}日",
    // Msg::FromClockStart
    "審査開始日",
    // Msg::FromSubmission; 申請, 申請者
    "申請日",
    // Msg::FromTheSubmission; 申請, 申請者
    "申請日",
    // Msg::FromEndOf
    "`{0}`の終了",
    // Msg::TargetDateLine; 目標
    "目標期限: {0}、{2}から{1}日: 審査の{3}%をこの日までに承認する目標
",
    // Msg::TargetRegulatorLine; 行政側期間
    "目標: 審査の{0}%が行政側期間{1}日以内; 中央値のスケジュールでは{2}日
",
    // Msg::AmountRounded
    "{0}{1}（{2}の中央値、切り上げ）",
    // Msg::Amount
    "{0}{1}",
    // Msg::UnitBusinessDays
    "業務日",
    // Msg::UnitMonths
    "か月",
    // Msg::CalendarDaysMedian
    "暦日{0}日（{1}の中央値）",
    // Msg::CalendarDays
    "暦日{0}日",
    // Msg::FromDate
    "{0}から（{1}）",
    // Msg::AmountFromDate
    "{1}から{0}（{2}）",
    // Msg::BusinessFromDate
    "{1}の{0}、{2}から（{3}）、最初の業務日から数える",
    // Msg::ScenarioCalendar
    "シナリオの暦",
    // Msg::ApplicantCap; 申請者側期間
    "; 申請者の持ち時間は最大{0}日、超えると取下げ",
    // Msg::ThenGate
    "; 続いて{0}（`{1}`）: {2}以降の最初の日",
    // Msg::AndPlannedDate
    "および予定日",
    // Msg::DateReplaces
    "; この日が規則上の{0}に代わる（{1}）",
    // Msg::IfItHappens; 目標
    "; 発生した場合: 目標日は{0}、{1}日遅くなる",
    // Msg::ReadyObtains
    "準備完了 {0}; 先に{1}を得る（{2}日）",
    // Msg::Ready
    "準備完了 {0}",
    // Msg::SubmittedAtMedian; 申請, 申請者
    "申請日 {0}; 各期間は中央値",
    // Msg::CountFromClockStart; 審査期間, 総審査期間
    "審査期間は審査開始日から数える",
    // Msg::ColStage
    "段階",
    // Msg::ColClock
    "クロック",
    // Msg::ColCounts
    "数え方",
    // Msg::ColStart
    "開始",
    // Msg::ColEnd
    "終了",
    // Msg::ColDays
    "日数",
    // Msg::ColCritical
    "クリティカル",
    // Msg::Skipped
    "なし",
    // Msg::WithdrawnMedians
    "取下げ: 中央値では申請者のクロック停止が上限を超える",
    // Msg::ApprovalLine; 承認
    "承認 {0}: {2}から{1}日（行政側 {3}、申請者側 {4}）
",
    // Msg::ExplainTarget; 目標
    "目標: {1}日以内に{0}%（{2}）; この中央値のスケジュールは{3}日: {4}",
    // Msg::Within
    "以内",
    // Msg::Over
    "超過",
    // Msg::TimeToApproval; 承認
    "承認までの期間: 準備完了から{0}日（エビデンス取得を含む）",
    // Msg::ThenOn; 承認
    "その後: {0}、{1}、承認から{2}日（中央値; {3}）",
    // Msg::ThenAtMedians
    "その後: {0}: 中央値では{1}",
    // Msg::WhichPathways
    "各品目がとりうる審査経路:",
    // Msg::OutputsIn
    "  出力先 {0}",
    // Msg::BaselineLower
    "ベースライン",
    // Msg::CompareHeadline
    "{0}: 試行{1}回、シード {2}、共通乱数、{3} 秒",
    // Msg::ColVariant
    "バリアント",
    // Msg::ColChangeCi
    "変化（95%信頼区間）",
    // Msg::ColFaster
    "短縮",
    // Msg::ColTargetMet; 目標
    "目標達成",
    // Msg::NoReviewDaysChange; 審査期間, 総審査期間
    "  審査期間が変化する審査経路なし",
    // Msg::SweepHeadline
    "{0}: {1}を{2}通りの値で変化、各値 試行{3}回、{4}、{5} 秒",
    // Msg::SeedN
    "シード {0}",
    // Msg::SeedByKnob
    "値ごとのシード",
    // Msg::ColValue
    "値",
    // Msg::ReviewDaysFooter; 審査期間, 総審査期間
    "  審査期間は申請から承認まで",
];
