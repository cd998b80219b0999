// Types of bin/cli-build.js for the tests and the bench that use it.
export declare const REPOSITORY_ROOT: string;
export declare const BUILD_DIRECTORY: string;

export type CliBuildState = { fresh: true; entry: string } | { fresh: false; reason: string };

export declare function freshCliBuild(options?: { root?: string; directory?: string }): CliBuildState;

export declare function buildCli(options?: { root?: string; directory?: string }): Promise<{
  directory: string;
  inputs: number;
  metafile: import('esbuild').Metafile;
}>;
