import { z } from 'zod';
import { type ProductConfig, parseProductConfig } from './product-config';

/**
 * The environment variables the Lambda functions read, by name. The CDK bind helpers set them
 * from these same constants, so a function and its stack cannot disagree on a name.
 */
export const ENVIRONMENT_VARIABLES = {
  tableName: 'TABLE_NAME',
  uploadsBucket: 'UPLOADS_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  /** The product configuration (docs/configuration.md) as JSON, validated by the same schema. */
  productConfig: 'PRODUCT_CONFIG',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
} as const;

export type EnvironmentSetting = keyof typeof ENVIRONMENT_VARIABLES;

export interface FunctionEnvironment {
  readonly region: string;
  readonly tableName?: string;
  readonly uploadsBucket?: string;
  readonly reportsBucket?: string;
  readonly sesConfigurationSet?: string;
  readonly productConfig: ProductConfig;
}

/**
 * Reads the settings a function needs, once, when its module loads, and fails at once naming
 * every missing variable (a misconfigured function should not start, not fail on first use).
 */
export function readFunctionEnvironment(
  required: readonly EnvironmentSetting[],
  environment: Readonly<Record<string, string | undefined>> = process.env,
): FunctionEnvironment {
  const missing: string[] = [...required, 'productConfig' as const]
    .filter((setting) => setting !== 'sesConfigurationSet')
    .map((setting) => ENVIRONMENT_VARIABLES[setting])
    .filter((name) => (environment[name] ?? '') === '');
  const region = environment.AWS_REGION ?? '';
  if (region === '') missing.push('AWS_REGION');
  if (missing.length > 0)
    throw new Error(`missing environment variables: ${[...new Set(missing)].join(', ')}`);
  let config: unknown;
  try {
    config = JSON.parse(environment[ENVIRONMENT_VARIABLES.productConfig] as string);
  } catch {
    throw new Error(`${ENVIRONMENT_VARIABLES.productConfig} is not valid JSON`);
  }
  const pick = (setting: EnvironmentSetting) => {
    const value = environment[ENVIRONMENT_VARIABLES[setting]];
    return value === undefined || value === '' ? {} : { [setting]: z.string().parse(value) };
  };
  return {
    region,
    ...pick('tableName'),
    ...pick('uploadsBucket'),
    ...pick('reportsBucket'),
    ...pick('sesConfigurationSet'),
    productConfig: parseProductConfig(config, ENVIRONMENT_VARIABLES.productConfig),
  };
}
