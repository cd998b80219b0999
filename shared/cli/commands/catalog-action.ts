import { writeFile } from 'node:fs/promises';
import { writeStratmlDocument } from '../../adapters/stratml/write-stratml-document';
import { loadCatalogSource } from '../../catalog/load-catalog';
import { loadProductConfig } from '../../config/product-config';
import type { Catalog, Objective } from '../../domain/catalog/catalog';
import { InvalidInputError } from '../../domain/errors';
import { catalogToStratml } from '../../domain/stratml/catalog-to-stratml';
import { formatWarning, type StratmlWarning } from '../../domain/stratml/stratml-document';
import { type CliIo, printJson } from '../cli-io';
import type { GlobalOptions } from '../global-options';

/** The catalog as a tree for people, or as JSON for scripts (shape in docs/catalog.md). */
export function catalogView(catalog: Catalog) {
  const objectiveView = (objective: Objective) => ({
    id: objective.id,
    title: objective.title,
    ...(objective.missionAreaId !== undefined ? { missionAreaId: objective.missionAreaId } : {}),
    desiredOutcome: objective.desiredOutcome,
    keyActivities: objective.keyActivities.map((activity) => ({
      id: activity.id,
      text: activity.text,
      offices: activity.offices,
    })),
  });
  return {
    id: catalog.id,
    version: catalog.version,
    title: catalog.title,
    ...(catalog.organization !== undefined ? { organization: catalog.organization } : {}),
    ...(catalog.mission !== undefined ? { mission: catalog.mission } : {}),
    ...(catalog.vision !== undefined ? { vision: catalog.vision } : {}),
    ...(catalog.values.length > 0 ? { values: catalog.values } : {}),
    counts: {
      goals: catalog.goals.length,
      missionAreas: catalog.missionAreas.length,
      objectives: catalog.objectives.length,
      keyActivities: catalog.keyActivities.length,
      offices: catalog.offices.length,
    },
    goals: catalog.goals.map((goal) => ({
      id: goal.id,
      title: goal.title,
      ...(goal.description !== undefined ? { description: goal.description } : {}),
      missionAreas: catalog.missionAreas
        .filter((area) => area.goalId === goal.id)
        .map((area) => ({
          id: area.id,
          title: area.title,
          ...(area.description !== undefined ? { description: area.description } : {}),
          objectives: catalog.objectives
            .filter((objective) => objective.missionAreaId === area.id)
            .map(objectiveView),
        })),
      objectives: catalog.objectives
        .filter((objective) => objective.goalId === goal.id && objective.missionAreaId === undefined)
        .map(objectiveView),
    })),
    offices: catalog.offices.map((office) => ({
      code: office.code,
      name: office.name,
      keyActivities: catalog.activitiesOf(office.code).map((activity) => activity.id),
    })),
  };
}

export function formatCatalogTree(catalog: Catalog): string {
  const view = catalogView(catalog);
  const lines: string[] = [
    `${view.title} (${view.id} v${view.version})`,
    `${view.counts.goals} goals, ${view.counts.missionAreas} mission areas, ${view.counts.objectives} objectives, ${view.counts.keyActivities} key activities, ${view.counts.offices} offices`,
    '',
  ];
  if (view.organization)
    lines.push(
      `Organisation: ${view.organization.name}${view.organization.acronym ? ` (${view.organization.acronym})` : ''}`,
    );
  if (view.mission) lines.push(`Mission: ${view.mission}`);
  if (view.vision) lines.push(`Vision: ${view.vision}`);
  if (view.values) lines.push(`Values: ${view.values.map((value) => value.name).join('; ')}`);
  if (view.organization || view.mission || view.vision || view.values) lines.push('');
  const writeObjective = (
    objective: ReturnType<typeof catalogView>['goals'][number]['objectives'][number],
    indent: string,
  ) => {
    lines.push(`${indent}Objective ${objective.id} ${objective.title}`);
    for (const activity of objective.keyActivities)
      lines.push(`${indent}  ${activity.id} [${activity.offices.join(', ')}] ${activity.text}`);
  };
  for (const goal of view.goals) {
    lines.push(`Goal ${goal.id}: ${goal.title}`);
    if (goal.description) lines.push(`  ${goal.description}`);
    for (const area of goal.missionAreas) {
      lines.push(`  Mission area: ${area.title}`);
      for (const objective of area.objectives) writeObjective(objective, '    ');
    }
    for (const objective of goal.objectives) writeObjective(objective, '  ');
    lines.push('');
  }
  lines.push('Offices');
  for (const office of view.offices)
    lines.push(`  ${office.code.padEnd(5)} ${office.name} (${office.keyActivities.length} key activities)`);
  return lines.join('\n');
}

/** The warnings of an imported StratML document, as lines under a heading. */
export function formatWarnings(file: string, warnings: readonly StratmlWarning[]): string {
  if (warnings.length === 0) return `Read ${file} without warnings.`;
  return [
    `${warnings.length} warning${warnings.length === 1 ? '' : 's'} reading ${file} (what was understood is above):`,
    ...warnings.map((warning) => `  ${formatWarning(warning)}`),
  ].join('\n');
}

export interface CatalogOptions {
  readonly json?: boolean;
  readonly format?: 'tree' | 'json' | 'stratml';
  readonly out?: string;
}

/** `strategy-report catalog`: the catalog as a tree, JSON or StratML, with the import's warnings. */
export async function catalogAction(
  io: CliIo,
  options: CatalogOptions,
  global: GlobalOptions,
): Promise<void> {
  const config = await loadProductConfig(global.config);
  const file = global.catalog ?? config.catalogFile;
  const { catalog, format, warnings } = await loadCatalogSource(file);
  const output = options.format ?? (options.json ? 'json' : 'tree');
  if (options.out !== undefined && output !== 'stratml')
    throw new InvalidInputError({
      rule: 'catalog.out',
      message: '--out needs --format stratml',
      column: '--out',
    });
  if (output === 'stratml') {
    const xml = writeStratmlDocument(catalogToStratml(catalog));
    if (options.out === undefined) io.out(xml);
    else await writeNewFile(options.out, xml);
    if (format === 'stratml' && file !== undefined) io.err(formatWarnings(file, warnings));
    return;
  }
  if (output === 'json') {
    printJson(io, {
      ...catalogView(catalog),
      ...(format === 'stratml' ? { warnings } : {}),
    });
    return;
  }
  io.out(formatCatalogTree(catalog));
  if (format === 'stratml' && file !== undefined) io.out(`\n${formatWarnings(file, warnings)}`);
}

async function writeNewFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InvalidInputError({
      rule: 'catalog.out',
      message:
        code === 'EEXIST' ? 'the file already exists; nothing was written' : `cannot write the file: ${code}`,
      file: path,
    });
  }
}
