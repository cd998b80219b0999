import type { ReportModel } from '../report-model';
import type { Chart } from './chart';
import { statusBarChart } from './status-bar-chart';
import { trendLineChart } from './trend-line-chart';

/** The brief's four charts, built once from the model and drawn by both the PDF and the HTML. */
export interface ReportCharts {
  readonly statusByGoal: Chart;
  readonly statusByMissionArea: Chart;
  readonly trendByGoal: Chart;
  readonly trendByMissionArea: Chart;
}

export function reportCharts(model: ReportModel, width = 512): ReportCharts {
  return {
    statusByGoal: statusBarChart({
      id: 'chart-status-by-goal',
      title: 'Status by goal',
      bars: model.statusByGoal,
      width,
    }),
    statusByMissionArea: statusBarChart({
      id: 'chart-status-by-mission-area',
      title: 'Status by mission area',
      bars: model.statusByMissionArea,
      width,
    }),
    trendByGoal: trendLineChart({
      id: 'chart-trend-by-goal',
      title: `Percent complete, last ${model.trend.periods.length} periods: agency and goals`,
      periods: model.trend.periods,
      series: model.trend.byGoal,
      width,
    }),
    trendByMissionArea: trendLineChart({
      id: 'chart-trend-by-mission-area',
      title: `Percent complete, last ${model.trend.periods.length} periods: mission areas`,
      periods: model.trend.periods,
      series: model.trend.byMissionArea,
      width,
    }),
  };
}
