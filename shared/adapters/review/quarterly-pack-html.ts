import type { PackBlock, PackCell, PackDocument, PackSection } from '../../domain/review/pack-document';
import { BRIEF_STYLE } from '../html/brief-html-style';
import { type Cell, numberCell, statusCell, tableHtml } from '../html/html-blocks';
import { escapeHtml as e } from '../html/html-text';

/**
 * The quarterly review pack as one accessible, self-contained HTML page, built from the monthly
 * brief's blocks and style sheet (captioned tables with scoped headers that scroll on their own on
 * a phone, landmarks, a skip link, no script or external resource): reflows at 390 px.
 */
export function renderQuarterlyPackHtml(
  pack: PackDocument,
  options: { readonly generatedAt: string; readonly rendererVersion: string },
): string {
  const sections = [pack.summary, ...pack.sections];
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="strategy-report ${e(options.rendererVersion)}">
<meta name="description" content="${e(`${pack.title}, ${pack.subtitle}`)}">
<title>${e(pack.title)}</title>
<style>${BRIEF_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the review</a>
<header>
<p class="muted">${e(pack.subtitle)}</p>
</header>
<main id="main">
<h1>${e(pack.title)}</h1>
<p class="lead">${e(pack.subtitle)}</p>
${sectionHtml(pack.summary)}
<nav aria-label="Contents">
<h2 id="contents">Contents</h2>
<ol>
${sections.map((section) => `<li><a href="#${section.id}">${e(section.title)}</a></li>`).join('\n')}
</ol>
</nav>
${pack.sections.map(sectionHtml).join('\n')}
</main>
<footer>
<p class="muted">Generated <time datetime="${e(options.generatedAt)}">${e(options.generatedAt.slice(0, 10))}</time> by strategy-report ${e(options.rendererVersion)}.</p>
</footer>
</body>
</html>
`;
}

const sectionHtml = (
  section: PackSection,
) => `<section aria-labelledby="${section.id}-heading" id="${section.id}">
<h2 id="${section.id}-heading">${e(section.title)}</h2>
${section.blocks.map(blockHtml).join('\n')}
</section>`;

/** Tables of at most this many columns wrap to the screen's width before they scroll. */
const COMPACT_COLUMNS = 5;

/** Pack headings sit one level below the section's h2. */
function blockHtml(block: PackBlock): string {
  switch (block.kind) {
    case 'heading': {
      const level = block.level + 1;
      return `<h${level} id="${e(block.id)}">${e(block.text)}</h${level}>`;
    }
    case 'paragraph':
      return block.style === 'notice'
        ? `<p class="notice" role="note">${e(block.text)}</p>`
        : `<p${block.style === 'note' ? ' class="muted"' : ''}>${e(block.text)}</p>`;
    case 'facts':
      return `<dl class="facts">\n${block.items.map((item) => `<dt>${e(item.label)}</dt><dd class="narrative">${e(item.value)}</dd>`).join('\n')}\n</dl>`;
    case 'table':
      return tableHtml(
        block.table.caption,
        block.table.headers,
        block.table.rows.map((row) => row.map(cellOf)),
        // Tables of a few columns narrow to a phone's width first (cells wrap), as the brief's do.
        { compact: block.table.headers.length <= COMPACT_COLUMNS },
      );
  }
}

function cellOf(cell: PackCell): Cell {
  if (typeof cell === 'string') return cell;
  if (cell.status !== undefined) return statusCell(cell.text);
  if (cell.hash) return { html: e(cell.text), className: 'hash' };
  return cell.number ? numberCell(cell.text) : cell.text;
}
