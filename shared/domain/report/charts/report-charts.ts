import type { DashboardLevel } from '../dashboard';
import type { ReportModel } from '../report-model';
import { type Chart, type ChartScale, PDF_CHART_SCALE } from './chart';
import { PDF_SPARKLINE, type SparklineSize, sparkline } from './sparkline';
import { statusBarChart } from './status-bar-chart';
import { trendLineChart } from './trend-line-chart';

/** The brief's charts, built once from the model and drawn by both the PDF and the HTML. */
export interface ReportCharts {
  readonly statusByGoal: Chart;
  readonly statusByMissionArea: Chart;
  readonly trendByGoal: Chart;
  readonly trendByMissionArea: Chart;
  /** The dashboard's small trend of each goal and each mission area, in the dashboard's order. */
  readonly goalTrends: readonly Chart[];
  readonly missionAreaTrends: readonly Chart[];
}

export interface ReportChartSizes {
  readonly scale: ChartScale;
  readonly sparkline: SparklineSize;
}

/** The PDF's sizes: charts at its content width with 8-point text, sparklines a word long. */
export const PDF_CHART_SIZES: ReportChartSizes = { scale: PDF_CHART_SCALE, sparkline: PDF_SPARKLINE };

/** `width` alone (the PDF's content width) keeps the PDF's text size. */
export function reportCharts(
  model: ReportModel,
  sizes: number | ReportChartSizes = PDF_CHART_SIZES,
): ReportCharts {
  const { scale, sparkline: sparklineSize } =
    typeof sizes === 'number' ? { ...PDF_CHART_SIZES, scale: { ...PDF_CHART_SCALE, width: sizes } } : sizes;
  const trend = (level: DashboardLevel, kind: string) =>
    sparkline({
      id: `sparkline-${kind}-${level.id}`.replace(/[^A-Za-z0-9-]+/g, '-'),
      label: level.label,
      periods: model.trend.periods,
      values: level.trend,
      size: sparklineSize,
    });
  return {
    statusByGoal: statusBarChart({
      id: 'chart-status-by-goal',
      title: 'Status by goal',
      bars: model.statusByGoal,
      scale,
    }),
    statusByMissionArea: statusBarChart({
      id: 'chart-status-by-mission-area',
      title: 'Status by mission area',
      bars: model.statusByMissionArea,
      scale,
    }),
    trendByGoal: trendLineChart({
      id: 'chart-trend-by-goal',
      title: `Percent complete, last ${model.trend.periods.length} periods: agency and goals`,
      periods: model.trend.periods,
      series: model.trend.byGoal,
      scale,
    }),
    trendByMissionArea: trendLineChart({
      id: 'chart-trend-by-mission-area',
      title: `Percent complete, last ${model.trend.periods.length} periods: mission areas`,
      periods: model.trend.periods,
      series: model.trend.byMissionArea,
      scale,
    }),
    goalTrends: model.dashboard.goals.map((level) => trend(level, 'goal')),
    missionAreaTrends: model.dashboard.missionAreas.map((level) => trend(level, 'mission-area')),
  };
}
