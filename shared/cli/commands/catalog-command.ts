import type { Command } from 'commander';
import type { Catalog, Objective } from '../../domain/catalog/catalog';
import { type CliIo, printJson } from '../cli-io';
import { globalOptionsOf, loadSettings } from '../global-options';

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

export function registerCatalogCommand(program: Command, io: CliIo): void {
  program
    .command('catalog')
    .description(
      'show the strategy catalog: goals, mission areas, objectives, key activities and their offices',
    )
    .option('--json', 'print the catalog as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { catalog } = await loadSettings(globalOptionsOf(command));
      if (options.json) printJson(io, catalogView(catalog));
      else io.out(formatCatalogTree(catalog));
    });
}
