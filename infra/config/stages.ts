import { InvalidInputError } from '../../shared/domain/errors';
import { parseStageConfig, type StageConfig, type StageDefinition } from './stage-config';
import { dev } from './stages/dev';
import { prod } from './stages/prod';

/** Every stage this app can deploy, by name (`npx cdk deploy --all -c stage=<name>`). */
export const STAGES: Readonly<Record<string, StageDefinition>> = { dev, prod };

export const DEFAULT_STAGE = 'dev';

export function stageConfig(name: string): StageConfig {
  const definition = STAGES[name];
  if (definition === undefined) {
    throw new InvalidInputError({
      rule: 'stage.unknown',
      message: `unknown stage "${name}"; known stages: ${Object.keys(STAGES).join(', ')}`,
    });
  }
  return parseStageConfig(definition, `infra/config/stages/${name}.ts`);
}
