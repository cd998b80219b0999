/**
 * How long a command waits for a data directory another process is using before it gives up
 * (`--wait SECONDS`, or the environment variable below; README "Commands side by side").
 */
export const DEFAULT_WAIT_SECONDS = 30;
export const WAIT_ENVIRONMENT_VARIABLE = 'STRATEGY_REPORT_WAIT';
