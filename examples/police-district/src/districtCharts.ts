import { renderChart } from '@quanzi/simulate';
import type { Labels } from './labels';
import { outcomeColour } from './outcomeColour';
import type { DistrictSummary } from './summarizeDistrict';
import { weeksOf } from './weeksOf';
import { words } from './words';

/** Tasks by category, stacked by outcome, red only for outcomes that went wrong. */
export function outcomeChart(summary: DistrictSummary, labels: Labels): Promise<string> {
  const { lang } = labels;
  const values = summary.byCategory.flatMap(({ category, outcomes }) =>
    Object.entries(outcomes).map(([outcome, n]) => ({
      category: labels.category(category),
      outcome: labels.outcome(outcome),
      n,
    })),
  );
  const codes = [...new Set(summary.byCategory.flatMap(({ outcomes }) => Object.keys(outcomes)))];
  return renderChart({
    title: words.byCategory[lang],
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'category', type: 'nominal', sort: '-x', title: words.category[lang] },
      x: { field: 'n', type: 'quantitative', aggregate: 'sum', title: words.tasksCol[lang] },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: words.outcome[lang],
        scale: { domain: codes.map(labels.outcome), range: codes.map(outcomeColour) },
      },
    },
    width: 500,
  });
}

/**
 * Active participants per week. Weeks cut by the period's start or end are grey points
 * off the line: a 1-day week is not a quiet week.
 */
export function weeklyChart(summary: DistrictSummary, labels: Labels): Promise<string> {
  const { lang } = labels;
  const whole = words.wholeWeek[lang];
  const values = weeksOf(summary.health.sustainability.buckets, lang).map((week) => ({
    ...week,
    kind: week.partial ? words.partialWeek[lang] : whole,
  }));
  return renderChart({
    title: words.activeParticipants[lang],
    data: { values },
    width: 500,
    encoding: {
      // The weeks in calendar order: the line's layer alone would put partial weeks last.
      x: {
        field: 'label',
        type: 'ordinal',
        sort: values.map((week) => week.label),
        title: null,
        // A week's label ("16 Nov – 22 Nov", "11月16日 – 11月22日") is wider than its band.
        axis: { labelAngle: -30 },
      },
      y: { field: 'active', type: 'quantitative', title: words.active[lang] },
    },
    layer: [
      { transform: [{ filter: '!datum.partial' }], mark: 'line' },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            legend: { labelLimit: 400 },
            scale: { domain: [whole, words.partialWeek[lang]], range: ['#1f77b4', '#b0b0b0'] },
          },
        },
      },
    ],
  });
}
