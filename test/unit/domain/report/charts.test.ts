import { describe, expect, it } from 'vitest';
import { statusBarChart } from '../../../../shared/domain/report/charts/status-bar-chart';
import { trendLineChart } from '../../../../shared/domain/report/charts/trend-line-chart';

const counts = {
  Complete: 1,
  'On Track': 4,
  'At Risk': 2,
  'Off Track': 1,
  'Not Started': 0,
  'Not Reported': 2,
};

describe('report charts', () => {
  it('draws status bars as SVG with escaped labels and tabulates the counts', () => {
    const chart = statusBarChart({
      id: 'c',
      title: 'Status',
      bars: [
        { label: 'A <b>&"', counts },
        {
          label: 'Empty',
          counts: { ...counts, Complete: 0, 'On Track': 0, 'At Risk': 0, 'Off Track': 0, 'Not Reported': 0 },
        },
      ],
    });
    expect(chart.svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="512" height="\d+" viewBox="0 0 512 \d+">/,
    );
    expect(chart.svg).toContain('A &lt;b&gt;&amp;&quot;');
    expect(chart.svg).not.toContain('<b>');
    expect(chart.table.rows[0]).toEqual(['A <b>&"', '1', '4', '2', '1', '0', '2', '10', '50.0%']);
    expect(chart.table.rows[1]).toEqual(['Empty', '0', '0', '0', '0', '0', '0', '0', 'no data']);
    expect(chart.description).toContain(
      'A <b>&": 10 entries, 1 Complete, 4 On Track, 2 At Risk, 1 Off Track, 2 Not Reported',
    );
  });

  it('breaks a trend line where a period has no figure and tabulates every value', () => {
    const chart = trendLineChart({
      id: 't',
      title: 'Trend',
      periods: ['2026-08', '2026-09', '2026-10'],
      series: [{ label: 'Agency', values: [10, null, 30] }],
    });
    expect(chart.svg).not.toContain('<polyline');
    expect(chart.svg.match(/<circle /g)).toHaveLength(2);
    expect(chart.table.rows).toEqual([['Agency', '10.0%', 'no data', '30.0%']]);
    expect(chart.description).toContain('2026-08 to 2026-10');
  });

  it('prints the same SVG for the same data', () => {
    const make = () =>
      trendLineChart({
        id: 't',
        title: 'T',
        periods: ['2026-09', '2026-10'],
        series: [{ label: 'A', values: [1 / 3, 2 / 3] }],
      });
    expect(make().svg).toBe(make().svg);
  });
});
