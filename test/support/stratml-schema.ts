import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** The committed copy of the StratML Part 2 schema (provenance: test/fixtures/stratml/README.md). */
export const STRATML_XSD_PATH = fileURLToPath(
  new URL('../fixtures/stratml/PerformancePlanOrReport20160216.xsd', import.meta.url),
);

/**
 * Validates a document against the 2016-02-16 Part 2 schema with libxml2's xmllint (compiled to
 * WebAssembly; its verdicts equal Debian's `xmllint --schema`): an independent validator, not
 * the product's own reader.
 */
export async function validateAgainstStratmlSchema(
  xml: string | Uint8Array,
): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [
      { fileName: 'PerformancePlanOrReport20160216.xsd', contents: readFileSync(STRATML_XSD_PATH, 'utf8') },
    ],
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.message) };
}
