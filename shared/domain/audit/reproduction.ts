import type { ManifestFile } from '../report/report-manifest';

/** One file of a reproduced report: what the manifest records, what is stored, what rendering again made. */
export interface ReproducedFile {
  readonly name: string;
  readonly key: string;
  readonly recordedSha256: string;
  /** Null when the stored file is missing. */
  readonly storedSha256: string | null;
  /** Null when the renderer made no such file. */
  readonly reproducedSha256: string | null;
  /** The reproduced bytes equal the stored bytes, and both hash to what the manifest records. */
  readonly matches: boolean;
  /** Why not, in one line (absent when it matches). */
  readonly difference?: string;
}

/** Compares every file a manifest lists with the stored bytes and the reproduced bytes. */
export function compareReproduction(
  files: readonly ManifestFile[],
  stored: ReadonlyMap<string, string | null>,
  reproduced: ReadonlyMap<string, string>,
): ReproducedFile[] {
  return files.map((file) => {
    const storedSha256 = stored.get(file.name) ?? null;
    const reproducedSha256 = reproduced.get(file.name) ?? null;
    let difference: string | undefined;
    if (reproducedSha256 === null) difference = `rendering again made no ${file.name}`;
    else if (storedSha256 === null) difference = `${file.key} is missing`;
    else if (storedSha256 !== file.sha256)
      difference = `${file.key} has SHA-256 ${storedSha256}, but the manifest records ${file.sha256}: the stored file was altered${reproducedSha256 === file.sha256 ? ' (rendering again gives the recorded bytes)' : ''}`;
    else if (reproducedSha256 !== file.sha256)
      difference = `rendering again gives SHA-256 ${reproducedSha256}, but the stored ${file.name} (as recorded) is ${file.sha256}`;
    return {
      name: file.name,
      key: file.key,
      recordedSha256: file.sha256,
      storedSha256,
      reproducedSha256,
      matches: difference === undefined,
      ...(difference ? { difference } : {}),
    };
  });
}
