import type { LevelSummary, RollupSnapshot } from '../domain/rollup/rollup-snapshot';
import type { SnapshotRecord } from '../ports/snapshot-index';

/** How many at-risk entries and entry moves the text summary lists before saying "and N more". */
const TOP_RISKS = 5;
const MOVES_LISTED = 10;

const percentText = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);
const deltaText = (value: number | null) =>
  value === null ? '' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`;

function levelLine(label: string, level: LevelSummary): string {
  return [
    label.length > 44 ? `${label.slice(0, 43)}…` : label.padEnd(44),
    level.status.padEnd(11),
    percentText(level.percentComplete).padStart(8),
    deltaText(level.change.percentDelta).padStart(7),
    `  ${level.likelihood.padEnd(9)}`,
    `  ${level.reported}/${level.expected} reported`,
    level.carriedForward > 0 ? `, ${level.carriedForward} carried` : '',
  ].join('');
}

/**
 * The text `strategy-report rollup` prints: where the agency, each goal and each mission area
 * stand, what moved, the top risks and who is missing. `--json` prints the whole snapshot instead.
 */
export function formatRollupSummary(
  snapshot: RollupSnapshot,
  outcome: 'stored' | 'unchanged',
  record: SnapshotRecord,
): string {
  return [
    ...headerLines(snapshot, outcome, record),
    ...levelLines(snapshot),
    '',
    ...movedLines(snapshot),
    '',
    ...riskLines(snapshot),
    '',
    ...missingLines(snapshot),
  ].join('\n');
}

function headerLines(
  snapshot: RollupSnapshot,
  outcome: 'stored' | 'unchanged',
  record: SnapshotRecord,
): string[] {
  const { completeness } = snapshot;
  return [
    `Rollup ${snapshot.period} (as of ${snapshot.asOf}): ${
      outcome === 'stored'
        ? `stored as version ${record.version}`
        : `unchanged — version ${record.version} already holds these inputs, nothing stored`
    }`,
    `Catalog ${snapshot.catalog.id} v${snapshot.catalog.version}; input hash ${snapshot.inputHash}`,
    `Snapshot ${record.key} (SHA-256 ${record.sha256})`,
    `Offices reported: ${completeness.officesSubmitted.length} of ${completeness.officesExpected.length}${
      snapshot.inputs.length > 0
        ? ` (${snapshot.inputs.map((input) => `${input.office} r${input.revision}`).join(', ')})`
        : ''
    }`,
  ];
}

function levelLines(snapshot: RollupSnapshot): string[] {
  return [
    '',
    `${'level'.padEnd(44)}${'status'.padEnd(11)}${'percent'.padStart(8)}${'change'.padStart(7)}  likelihood`,
    levelLine('Agency', snapshot.agency),
    ...snapshot.goals.map((goal) => levelLine(`Goal ${goal.id}: ${goal.title}`, goal)),
    ...snapshot.missionAreas.map((area) => levelLine(`Mission area: ${area.title}`, area)),
  ];
}

/** Levels whose status moved, then the entries' moves (the first few listed). */
function movedLines(snapshot: RollupSnapshot): string[] {
  if (!snapshot.previousSnapshot)
    return ['What moved', '  nothing to compare with: no snapshot of the previous period'];
  const lines = [`What moved since ${snapshot.previousSnapshot.period}`];
  const levelMoves = [
    { label: 'Agency', level: snapshot.agency },
    ...snapshot.goals.map((goal) => ({ label: `Goal ${goal.id}`, level: goal as LevelSummary })),
    ...snapshot.missionAreas.map((area) => ({
      label: `Mission area ${area.title}`,
      level: area as LevelSummary,
    })),
  ].filter(({ level }) => !['unchanged', 'new'].includes(level.change.movement));
  for (const { label, level } of levelMoves)
    lines.push(`  ${label}: ${level.change.previousStatus} → ${level.status} (${level.change.movement})`);
  const moves = snapshot.changes.statusMoves;
  const tally = new Map<string, number>();
  for (const move of moves) tally.set(move.movement, (tally.get(move.movement) ?? 0) + 1);
  lines.push(
    moves.length === 0
      ? '  no entry changed status'
      : `  entries: ${[...tally].map(([movement, count]) => `${count} ${movement}`).join(', ')}`,
  );
  const changed = moves.filter((entry) => entry.movement !== 'new');
  for (const move of changed.slice(0, MOVES_LISTED))
    lines.push(`    ${move.activityId} ${move.office}: ${move.from ?? '—'} → ${move.to} (${move.movement})`);
  const rest = changed.length - Math.min(changed.length, MOVES_LISTED);
  if (rest > 0) lines.push(`    … and ${rest} more`);
  return lines;
}

function riskLines(snapshot: RollupSnapshot): string[] {
  const lines = [`Top risks (${Math.min(TOP_RISKS, snapshot.atRisk.length)} of ${snapshot.atRisk.length})`];
  if (snapshot.atRisk.length === 0) lines.push('  none');
  for (const risk of snapshot.atRisk.slice(0, TOP_RISKS)) {
    lines.push(
      `  ${risk.rank}. ${risk.activityId} ${risk.office} — ${risk.status}, ${percentText(risk.percentComplete)}, severity ${risk.severity}: ${risk.reasons.join('; ')}`,
    );
    if (risk.risksAndIssues !== undefined) lines.push(`     risks and issues: ${risk.risksAndIssues}`);
  }
  return lines;
}

function missingLines(snapshot: RollupSnapshot): string[] {
  const { completeness } = snapshot;
  const byOffice = (entries: readonly { office: string }[]) => {
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(entry.office, (counts.get(entry.office) ?? 0) + 1);
    return [...counts].map(([office, count]) => `${office} ${count}`).join(', ');
  };
  return [
    'Missing',
    `  offices without a submission: ${completeness.officesMissing.length > 0 ? completeness.officesMissing.join(', ') : 'none'}`,
    `  entries not reported: ${completeness.activitiesNotReported.length}${
      completeness.activitiesNotReported.length > 0
        ? ` (${byOffice(completeness.activitiesNotReported)})`
        : ''
    }`,
    `  carried forward from earlier periods: ${completeness.carriedForward.length}${
      completeness.carriedForward.length > 0 ? ` (${byOffice(completeness.carriedForward)})` : ''
    }`,
    `  overdue milestones: ${completeness.overdueMilestones.length}`,
  ];
}
