import type { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../../ports/log';

/** Powertools' structured JSON logger behind the `Log` port. */
export function powertoolsLog(logger: Logger): Log {
  return {
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
  };
}
