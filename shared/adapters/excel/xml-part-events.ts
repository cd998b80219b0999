import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { WorkBudget } from '../../domain/submission/work-budget';
import type { StructureProblem } from '../../domain/submission/workbook-limits';
import { structureProblems } from '../../domain/submission/workbook-limits';

/**
 * Streams one XML part through saxes (the parser exceljs uses, in a newer version), chunk by
 * chunk, calling the handlers with local names (`x:row` and `row` alike) and the nesting depth.
 * The depth limit and the time budget are checked as it goes; a handler stops the stream by
 * throwing `StructureStop` with the problem it found.
 */
export interface XmlPartHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>, depth: number): void;
  text?(text: string): void;
  close?(name: string, depth: number): void;
}

/** Thrown to stop a scan at the first problem: the problem is the answer. */
export class StructureStop extends Error {
  override readonly name = 'StructureStop';
  constructor(readonly problem: StructureProblem) {
    super(problem.message);
  }
}

/** No element of a spreadsheet part has more than a few dozen attributes. */
export const MAX_ATTRIBUTES = 256;

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export async function streamXmlPart(
  stream: Readable,
  part: string,
  settings: { readonly maxDepth: number; readonly budget: WorkBudget },
  handlers: XmlPartHandlers,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | undefined;
  let depth = 0;
  parser.on('error', (error) => {
    failure ??= error;
  });
  let attributes = 0;
  parser.on('opentagstart', () => {
    attributes = 0;
  });
  parser.on('attribute', () => {
    if (++attributes > MAX_ATTRIBUTES)
      throw new StructureStop(structureProblems.attributes(part, MAX_ATTRIBUTES));
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth += 1;
    if (depth > settings.maxDepth) throw new StructureStop(structureProblems.depth(part, settings.maxDepth));
    handlers.open?.(localName(tag.name), tag.attributes, depth);
  });
  if (handlers.text) parser.on('text', handlers.text);
  parser.on('closetag', (tag: SaxesTagPlain) => {
    handlers.close?.(localName(tag.name), depth);
    depth -= 1;
  });
  // A multi-byte character may be split between chunks: decode as a stream.
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      settings.budget.check();
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      if (failure) throw failure;
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}
