import { type ClientInstrument, createAwsClients } from '../adapters/aws/aws-clients';
import { SesMailSender } from '../adapters/mail/ses-mail-sender';
import { defaultCatalog } from '../catalog/default-catalog';
import { type EnvironmentSetting, readFunctionEnvironment } from '../config/function-environment';
import type { BusinessMetrics } from '../ports/business-metrics';
import { systemClock } from '../ports/clock';
import type { Log } from '../ports/log';
import { buildDependencies, type Dependencies } from './dependencies';

/**
 * What a function reports through (shared/adapters/observability/powertools-observability.ts in
 * Lambda): its log, its business metrics, and the tracing of each AWS client.
 */
export interface FunctionObservability {
  readonly log: Log;
  readonly businessMetrics: BusinessMetrics;
  readonly captureAwsClient: ClientInstrument;
}

/**
 * The dependencies of a Lambda function in AWS, from its environment: called once at module
 * load by each `functions/<name>/index.ts`, so clients are created once per container (each one
 * captured for tracing by `observability`). A missing variable fails the cold start with every
 * missing name.
 */
export function awsDependencies(
  required: readonly EnvironmentSetting[],
  options: {
    readonly observability?: FunctionObservability;
    readonly environment?: Readonly<Record<string, string | undefined>>;
  } = {},
): Dependencies {
  const settings = readFunctionEnvironment(required, options.environment ?? process.env);
  const observability = options.observability;
  const clients = createAwsClients({ region: settings.region }, observability?.captureAwsClient);
  return buildDependencies({
    clients,
    // Every function needs the table (it is always required); a bucket it was not given is ''
    // here, and buildDependencies turns it into a store that refuses use with a clear message.
    names: {
      tableName: settings.tableName ?? '',
      buckets: { uploads: settings.uploadsBucket ?? '', reports: settings.reportsBucket ?? '' },
    },
    // In AWS the catalog is the one bundled with the function; a replacement catalog is
    // deployed by changing the catalog file the bundle imports (docs/catalog.md).
    catalog: defaultCatalog(),
    config: settings.productConfig,
    clock: systemClock,
    mail: new SesMailSender(
      clients.ses,
      settings.sesConfigurationSet ? { configurationSetName: settings.sesConfigurationSet } : {},
    ),
    ...(observability ? { log: observability.log, metrics: observability.businessMetrics } : {}),
  });
}
