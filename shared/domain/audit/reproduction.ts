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
  /**
   * The stored file is as recorded, and rendering again differs only because another version of
   * the software rendered it: not evidence of alteration, and not a reproduction either.
   */
  readonly rendererChanged?: true;
}

/** The software that rendered the stored files, and the one rendering them again. */
export interface RenderingSoftware {
  readonly recorded: string;
  readonly running: string;
}

/**
 * Compares every file a manifest lists with the stored bytes and the reproduced bytes. A stored
 * file that is as recorded but renders differently with other software says so plainly (which
 * software rendered it, which is running), rather than like a difference in the data.
 */
export function compareReproduction(
  files: readonly ManifestFile[],
  stored: ReadonlyMap<string, string | null>,
  reproduced: ReadonlyMap<string, string>,
  software?: RenderingSoftware,
): ReproducedFile[] {
  return files.map((file) => {
    const storedSha256 = stored.get(file.name) ?? null;
    const reproducedSha256 = reproduced.get(file.name) ?? null;
    const otherSoftware = software !== undefined && software.recorded !== software.running;
    let difference: string | undefined;
    let rendererChanged = false;
    if (reproducedSha256 === null) difference = `rendering again made no ${file.name}`;
    else if (storedSha256 === null) difference = `${file.key} is missing`;
    else if (storedSha256 !== file.sha256)
      difference = `${file.key} has SHA-256 ${storedSha256}, but the manifest records ${file.sha256}: the stored file was altered${reproducedSha256 === file.sha256 ? ' (rendering again gives the recorded bytes)' : ''}`;
    else if (reproducedSha256 !== file.sha256 && otherSoftware) {
      rendererChanged = true;
      difference = `rendered by strategy-report ${software.recorded}, now ${software.running}: the renderer changed, so rendering again gives SHA-256 ${reproducedSha256}; the stored ${file.name} is as recorded (${file.sha256}), not altered`;
    } else if (reproducedSha256 !== file.sha256)
      difference = `rendering again gives SHA-256 ${reproducedSha256}, but the stored ${file.name} (as recorded) is ${file.sha256}`;
    return {
      name: file.name,
      key: file.key,
      recordedSha256: file.sha256,
      storedSha256,
      reproducedSha256,
      matches: difference === undefined,
      ...(difference ? { difference } : {}),
      ...(rendererChanged ? { rendererChanged: true as const } : {}),
    };
  });
}
