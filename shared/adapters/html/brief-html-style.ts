import { STATUS_COLOURS } from '../../domain/report/status-palette';
import { htmlId } from './html-text';

/** The class that gives a status its colour (one rule per status in BRIEF_STYLE). */
export const statusClass = (status: string) => `status-${htmlId(status)}`;

/** The HTML brief's one style sheet, inline: the page loads nothing (its CSP forbids it). */
export const BRIEF_STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 72rem; padding: 0 1.25rem 3rem; overflow-wrap: break-word; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid #0B2545; }
.banner { text-align: center; font-weight: 700; padding: .25rem; border: 2px solid #111; margin: .5rem 0; }
h1 { color: #0B2545; font-size: 2rem; margin: 1.5rem 0 .5rem; }
h2 { color: #0B2545; font-size: 1.5rem; border-bottom: 2px solid #0B2545; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { color: #13315C; font-size: 1.2rem; margin-top: 1.75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.lead { font-size: 1.25rem; } .figure { font-size: 1.5rem; font-weight: 700; margin: .5rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .9rem; }
.table-scroll { overflow-x: auto; margin: .5rem 0 1.25rem; background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)), linear-gradient(to right, rgba(255,255,255,0), #fff 70%) 100% 0, radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), rgba(0,0,0,0)), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.3), rgba(0,0,0,0)) 100% 0; background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%, .9rem 100%; background-attachment: local, local, scroll, scroll; }
.table-scroll:focus { outline: 3px solid #0B2545; outline-offset: 2px; }
.table-scroll > table { margin: 0; min-width: 36rem; } .table-scroll.compact > table { min-width: 0; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border-bottom: 1px solid #BDBDBD; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #E7ECF2; border-bottom: 2px solid #5F6B7A; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.narrative { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #424242; }
.hash { font-family: ui-monospace, Consolas, monospace; font-size: .8rem; overflow-wrap: anywhere; }
figure { margin: 1rem 0 2rem; } figure svg { display: block; width: 100%; max-width: 36rem; height: auto; } figcaption { font-weight: 700; }
svg.sparkline { display: block; }
.risk { margin-bottom: 1.25rem; }
.notice { border-left: 4px solid #7A2E00; background: #FFF4E5; padding: .5rem .75rem; font-weight: 700; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.tiles > div { border: 1px solid #BDBDBD; padding: .5rem .75rem; } .tiles dt { font-weight: 700; font-size: .9rem; } .tiles dd { margin: 0; }
.tiles dd.figure { font-size: 1.6rem; margin: .25rem 0; padding: 0 .25rem; }
.changes { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1.5rem; }
@media (max-width: 40rem) { body { padding: 0 1rem 2rem; } header p { font-size: .85rem; } h1 { font-size: 1.5rem; } h2 { font-size: 1.3rem; } dl.facts { grid-template-columns: 1fr; } .tiles { grid-template-columns: repeat(3, 1fr); gap: .4rem; } .tiles > div { padding: .3rem .4rem; } .tiles dt, .tiles dd { font-size: .85rem; } .tiles dd.figure { font-size: 1.25rem; } .compact th, .compact td { padding: .2rem .25rem; font-size: .85rem; } .table-scroll:not(.compact)::after { content: "Scroll sideways for more columns"; display: block; font-size: .85rem; color: #424242; padding: .25rem 0; } }
${Object.entries(STATUS_COLOURS)
  .map(([status, colours]) => `.${statusClass(status)} { background: ${colours.fill}; }`)
  .join('\n')}
@media print { nav, .skip { display: none; } .table-scroll { overflow: visible; } .table-scroll::after { content: none; } h2, h3 { break-after: avoid; } tr, figure, .risk { break-inside: avoid; } }
`;
