import { randomUUID } from 'node:crypto';
import { link, lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidInputError } from '../domain/errors';

export interface FileToWrite {
  /** Path segments under the output directory, built from validated parts only. */
  readonly segments: readonly string[];
  readonly bytes: Buffer;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

function exists(path: string): InvalidInputError {
  return new InvalidInputError({
    rule: 'get.exists',
    message: 'the file already exists; nothing was written (pass --force to replace it)',
    file: path,
  });
}

function cannotWrite(path: string, error: unknown): InvalidInputError {
  return new InvalidInputError({
    rule: 'get.writable',
    message: `cannot write the file: ${code(error)}`,
    file: path,
  });
}

/**
 * Writes already-verified files under `directory`. Without `force`, refuses before writing anything
 * if any target exists. Each file is written to a temporary name beside its target and then moved
 * into place (a hard link without `force`, which fails rather than replace a file that appeared
 * meanwhile; a rename with it), so a target is either absent or complete, never half written.
 */
export async function writeFilesUnder(
  directory: string,
  files: readonly FileToWrite[],
  options: { readonly force: boolean },
): Promise<string[]> {
  const root = resolve(directory);
  const targets = files.map((file) => {
    const target = join(root, ...file.segments);
    const inside = relative(root, target);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`refusing to write outside ${root}: ${target}`);
    return target;
  });
  if (!options.force) {
    for (const target of targets) {
      const found = await lstat(target).then(
        () => true,
        (error: unknown) => {
          if (code(error) === 'ENOENT') return false;
          throw cannotWrite(target, error);
        },
      );
      if (found) throw exists(target);
    }
  }
  for (const [index, target] of targets.entries()) {
    const file = files[index] as FileToWrite;
    const temporary = join(dirname(target), `.${basename(target)}.${randomUUID()}.partial`);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temporary, file.bytes, { flag: 'wx' });
      if (options.force) await rename(temporary, target);
      else await link(temporary, target);
    } catch (error) {
      if (code(error) === 'EEXIST' && !options.force) throw exists(target);
      throw cannotWrite(target, error);
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return targets;
}
