/**
 * The bundle is ESM, but exceljs, pdfmake and parts of their dependency trees are CommonJS: they
 * call `require` for Node built-ins and read files relative to `__dirname`. The banner gives the
 * module scope both, so those calls work in the ESM bundle.
 */
export const ESM_CJS_BANNER = [
  "import { createRequire as __bannerCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bannerFileURLToPath } from 'node:url';",
  "import { dirname as __bannerDirname } from 'node:path';",
  'const require = __bannerCreateRequire(import.meta.url);',
  'const __filename = __bannerFileURLToPath(import.meta.url);',
  'const __dirname = __bannerDirname(__filename);',
].join(' ');
