import { fileURLToPath } from 'node:url';

/** The repository root: function entries and the lock file are resolved from here, not from cwd. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
