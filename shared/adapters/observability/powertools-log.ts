import type { Logger } from '@aws-lambda-powertools/logger';
import { definedKeys, type Log } from '../../ports/log';

/**
 * Powertools' structured JSON logger behind the `Log` port. Record keys are appended to the logger
 * (every line carries them, with the Lambda context the handler wrapper adds) and removed in
 * `finally`; records are worked on one at a time (the ingest's batch processor is sequential), so
 * one record's keys never appear on another's lines.
 */
export function powertoolsLog(logger: Logger): Log {
  return {
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
    async withRecordKeys(keys, work) {
      const appended = definedKeys(keys);
      logger.appendKeys(appended);
      try {
        return await work();
      } finally {
        logger.removeKeys(Object.keys(appended));
      }
    },
  };
}
