// Finds functions longer than MAX_FUNCTION_LINES in shared/ and infra/ that carry no comment saying
// why (issue 11: "no function in shared/ or infra/ longer than about 80 lines without a comment
// saying why"). Used by long-functions.test.ts; run it directly for the full list:
//   npx tsx test/code-shape/long-functions.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_FUNCTION_LINES = 80;

/** The folders scanned, relative to the repository root. */
export const SCANNED_FOLDERS = ['shared', 'infra'] as const;

/**
 * A comment that explains a long function: it contains "long because" (any case), as in
 * `// Long because the 40 styles are one table a designer reads at once.` It counts when it is
 * the function's own leading comment (or that of the declaration or property holding it), or
 * the first thing inside its body.
 */
export const REASON = /long because/i;

export interface LongFunction {
  /** Repository-relative path with forward slashes. */
  readonly file: string;
  /** Enclosing names joined with ' › ', e.g. `renderBriefHtml › tableHtml`. */
  readonly name: string;
  /** `file#name`: how the allow-list names it. */
  readonly id: string;
  readonly line: number;
  readonly lines: number;
  readonly explained: boolean;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction;

function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)
  );
}

/** What a reader calls a function: its own name, the variable or property holding it, or the call it is passed to. */
function nameOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isClassDeclaration(node)) return node.name?.text ?? '(class)';
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node)
  ) {
    if (node.name) return node.name.getText(source);
  }
  if (!isFunctionNode(node)) return undefined;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(source);
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = parent.expression;
    if (ts.isPropertyAccessExpression(callee)) return `(callback of .${callee.name.text})`;
    if (ts.isIdentifier(callee)) return `(callback of ${callee.text})`;
  }
  return '(anonymous)';
}

function commentsBefore(text: string, position: number): string[] {
  return (ts.getLeadingCommentRanges(text, position) ?? []).map((range) => text.slice(range.pos, range.end));
}

/** The nodes whose leading comments speak for a function: itself and what declares it. */
function holders(node: FunctionNode): ts.Node[] {
  const found: ts.Node[] = [node];
  let current: ts.Node = node;
  while (
    ts.isVariableDeclaration(current.parent) ||
    ts.isVariableDeclarationList(current.parent) ||
    ts.isVariableStatement(current.parent) ||
    ts.isPropertyAssignment(current.parent) ||
    ts.isPropertyDeclaration(current.parent) ||
    ts.isExportAssignment(current.parent)
  ) {
    current = current.parent;
    found.push(current);
  }
  return found;
}

function isExplained(node: FunctionNode, text: string): boolean {
  const comments = holders(node).flatMap((holder) => commentsBefore(text, holder.pos));
  const body = node.body;
  if (body && ts.isBlock(body)) {
    const first = body.statements[0];
    comments.push(...commentsBefore(text, first ? first.pos : body.end - 1));
  }
  return comments.some((comment) => REASON.test(comment));
}

/** Every function of one source text longer than MAX_FUNCTION_LINES, nested ones included. */
export function longFunctionsIn(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node, names: readonly string[]) => {
    const own = isFunctionNode(node) || ts.isClassDeclaration(node) ? nameOf(node, source) : undefined;
    const path = own === undefined ? names : [...names, own];
    if (isFunctionNode(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = path.join(' › ');
        found.push({
          file,
          name,
          id: `${file}#${name}`,
          line: first + 1,
          lines,
          explained: isExplained(node, text),
        });
      }
    }
    ts.forEachChild(node, (child) => visit(child, path));
  };
  visit(source, []);
  return found;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every long function in SCANNED_FOLDERS, in path order. */
export function longFunctions(root = REPOSITORY_ROOT): LongFunction[] {
  return SCANNED_FOLDERS.flatMap((folder) => typeScriptFiles(join(root, folder)))
    .map((path) => relative(root, path).split('\\').join('/'))
    .sort()
    .flatMap((file) => longFunctionsIn(file, readFileSync(join(root, file), 'utf8')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of longFunctions())
    console.log(
      `${entry.explained ? 'explained  ' : 'UNEXPLAINED'} ${String(entry.lines).padStart(4)}  ${entry.id}  (line ${entry.line})`,
    );
}
