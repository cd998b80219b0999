import { STATUS_COLOURS } from '../../domain/report/status-palette';
import { htmlId } from './html-text';

/** The class that gives a status its colour (one rule per status in BRIEF_STYLE). */
export const statusClass = (status: string) => `status-${htmlId(status)}`;

/** The HTML brief's one style sheet, inline: the page loads nothing (its CSP forbids it). */
export const BRIEF_STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 72rem; padding: 0 1.25rem 3rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid #0B2545; }
.banner { text-align: center; font-weight: 700; padding: .25rem; border: 2px solid #111; margin: .5rem 0; }
h1 { color: #0B2545; font-size: 2rem; margin: 1.5rem 0 .5rem; }
h2 { color: #0B2545; font-size: 1.5rem; border-bottom: 2px solid #0B2545; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { color: #13315C; font-size: 1.2rem; margin-top: 1.75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.lead { font-size: 1.25rem; } .figure { font-size: 1.5rem; font-weight: 700; margin: .5rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .9rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border-bottom: 1px solid #BDBDBD; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #E7ECF2; border-bottom: 2px solid #5F6B7A; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.narrative { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #424242; }
.hash { font-family: ui-monospace, Consolas, monospace; font-size: .8rem; overflow-wrap: anywhere; }
figure { margin: 1rem 0 2rem; } figure svg { max-width: 100%; height: auto; } figcaption { font-weight: 700; }
ol.risks > li { margin-bottom: 1.25rem; }
${Object.entries(STATUS_COLOURS)
  .map(([status, colours]) => `.${statusClass(status)} { background: ${colours.fill}; }`)
  .join('\n')}
@media print { nav, .skip { display: none; } h2 { break-before: page; } table, figure { break-inside: avoid; } }
`;
