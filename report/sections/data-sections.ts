import { formatCount, formatMeasure, formatShare } from '../../format/numbers';
import type { CleaningCounts, IngestDay, LabelCounts, RejectReason } from '../report-data';
import { chart, note, type Section } from '../section';

/** One row per day, kind and fate, the clean loaded lines apart from the repaired ones. */
export function ingestChartRows(days: IngestDay[]): { date: string; kind: string; fate: string; lines: number }[] {
  return days.flatMap((d) => [
    { date: d.date, kind: d.kind, fate: 'loaded as read', lines: d.loaded - d.repaired },
    { date: d.date, kind: d.kind, fate: 'repaired', lines: d.repaired },
    { date: d.date, kind: d.kind, fate: 'rejected', lines: d.rejected },
  ]);
}

/** What each cleaning step of docs/FEATURES.md §4 dropped or replaced, in the order the steps run. */
export function cleaningChartRows(c: CleaningCounts): { step: string; action: string; plays: number }[] {
  return [
    { step: '1. song length missing', action: 'dropped', plays: c.droppedNullLength },
    { step: '3. song length ≤ 0 → mean_len', action: 'replaced', plays: c.replacedLength },
    { step: '3. song length > L99', action: 'dropped', plays: c.droppedLongLength },
    { step: '5. play time missing or < 0 → mean_play', action: 'replaced', plays: c.replacedPlayTime },
    { step: '5. play time > T99', action: 'dropped', plays: c.droppedLongPlayTime },
  ];
}

export function dataSections(days: IngestDay[], reasons: RejectReason[], cleaning: CleaningCounts | undefined, labels: LabelCounts | undefined): Section[] {
  const total = (k: 'loaded' | 'repaired' | 'rejected') => days.reduce((s, d) => s + d[k], 0);
  const accounting: Section = {
    id: 'data',
    title: 'Data accounting',
    intro: `Every raw line read up to the run's last day is loaded, repaired or rejected: ${formatCount(total('loaded'))} rows loaded (${formatCount(total('repaired'))} of them repaired), ${formatCount(total('rejected'))} lines rejected.`,
    blocks: [
      days.length === 0
        ? note('No ingested file is dated within this run\'s windows.')
        : chart('ingest', 'Lines per day, by fate and kind', 'Read across a row for a day that loaded far less than its neighbours (a missing or truncated file), or one whose repaired or rejected lines jump (a change in the log format).', {
            data: { values: ingestChartRows(days) },
            mark: { type: 'bar' },
            encoding: {
              row: { field: 'fate', type: 'nominal', title: null, sort: ['loaded as read', 'repaired', 'rejected'], header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } },
              x: { field: 'date', type: 'ordinal', title: 'day', axis: { labelAngle: -60 } },
              y: { field: 'lines', type: 'quantitative', aggregate: 'sum', title: 'lines' },
              color: { field: 'kind', type: 'nominal', title: 'log kind' },
            },
            resolve: { scale: { y: 'independent' } },
            width: 620,
            height: 110,
          }),
      reasons.length === 0
        ? note('No line was rejected.')
        : chart('rejects', 'Rejected lines by reason', 'The reasons say what to fix upstream; the rejected lines themselves are in the rejects table with their file and line number.', {
            data: { values: reasons },
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'reason', type: 'nominal', sort: '-x', title: null },
              x: { field: 'lines', type: 'quantitative', title: 'lines rejected' },
            },
            width: 520,
          }),
    ],
  };
  const sections = [accounting];
  if (cleaning) {
    const t = cleaning.thresholds;
    sections.push({
      id: 'cleaning',
      title: 'Cleaning',
      intro: `Plays of the ${formatCount(cleaning.members)} members (${formatCount(cleaning.users)} users, less bots: ${formatCount(cleaning.bots)}) are cleaned by the thresholds below; ${formatCount(cleaning.keptPlays)} plays are kept.`,
      blocks: [
        {
          kind: 'table',
          id: 'thresholds',
          headers: ['threshold', 'value'],
          rows: [
            { cells: ['L99 (song length, s)', formatMeasure(t.l99)], values: [null, t.l99] },
            { cells: ['mean_len (s)', formatMeasure(t.meanLen)], values: [null, t.meanLen] },
            { cells: ['T99 (play time, s)', formatMeasure(t.t99)], values: [null, t.t99] },
            { cells: ['mean_play (s)', formatMeasure(t.meanPlay)], values: [null, t.meanPlay] },
            { cells: ['bot threshold (plays)', formatMeasure(t.botThreshold)], values: [null, t.botThreshold] },
          ],
        },
        chart('cleaning', 'Plays dropped or replaced by each cleaning step', 'A step that touches a large share of plays means the logs changed or a threshold no longer fits them.', {
          data: { values: cleaningChartRows(cleaning) },
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'step', type: 'nominal', sort: null, title: null },
            x: { field: 'plays', type: 'quantitative', title: 'plays' },
            color: { field: 'action', type: 'nominal', title: null, scale: { domain: ['dropped', 'replaced'], range: ['#c0392b', '#2e86c1'] } },
          },
          width: 480,
        }),
      ],
    });
    if (labels) {
      sections.push({
        id: 'labels',
        title: 'Labels',
        intro: 'A member churned when active in the feature window and absent from the label window.',
        blocks: [
          {
            kind: 'table',
            id: 'labels',
            headers: ['', ''],
            rows: [
              { cells: ['feature window', `${cleaning.windowStart} – ${cleaning.snapshotDate}`] },
              { cells: ['label window', `after ${cleaning.snapshotDate} – ${cleaning.rangeEnd}`] },
              { cells: ['labelled members', formatCount(labels.members)], values: [null, labels.members] },
              { cells: ['churners', `${formatCount(labels.churners)} (${formatShare(labels.churners, labels.members)})`], values: [null, labels.churners] },
            ],
          },
        ],
      });
    }
  }
  return sections;
}
