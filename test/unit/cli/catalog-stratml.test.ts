import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogSource } from '../../../shared/catalog/load-catalog';
import { runCli } from '../../../shared/cli/run-cli';
import { validateAgainstStratmlSchema } from '../../support/stratml-schema';

const PLAN = fileURLToPath(new URL('../../fixtures/stratml/PMOAI.xml', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'catalog-stratml-'));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('strategy-report catalog with StratML', () => {
  it('prints an imported plan, then every warning with its element path', async () => {
    const { io, out } = capture();
    expect(await runCli(['--catalog', PLAN, 'catalog'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('1 goals, 0 mission areas, 5 objectives, 5 key activities, 1 offices');
    expect(text).toContain('Organisation: Donald J. Trump (DJT)');
    expect(text).toContain('    1.2.1 [DJT] Coordinate implementation of any resulting plans.');
    expect(text).toContain(`2 warnings reading ${PLAN} (what was understood is above):`);
    expect(text).toContain(
      '  /StrategicPlan/AdministrativeInformation/Submitter[1] (line 2): <Submitter> does not belong in <AdministrativeInformation>: ignored',
    );
  });

  it('gives the warnings in the JSON view', async () => {
    const { io, out } = capture();
    expect(await runCli(['--catalog', PLAN, 'catalog', '--json'], io)).toBe(0);
    const view = JSON.parse(out.join(''));
    expect(view.counts).toEqual({ goals: 1, missionAreas: 0, objectives: 5, keyActivities: 5, offices: 1 });
    expect(view.warnings).toHaveLength(2);
    expect(view.warnings[0].path).toBe('/StrategicPlan/AdministrativeInformation/Submitter[1]');
  });

  it('writes the catalog as a valid Strategic_Plan to standard output or a new file, never over one', async () => {
    const printed = capture();
    expect(await runCli(['catalog', '--format', 'stratml'], printed.io)).toBe(0);
    expect(printed.err).toEqual([]);
    const xml = printed.out.join('');
    expect(await validateAgainstStratmlSchema(xml)).toEqual({ valid: true, errors: [] });

    const file = join(directory, 'cbp.xml');
    expect(await runCli(['catalog', '--format', 'stratml', '--out', file], capture().io)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(xml);
    const again = capture();
    expect(await runCli(['catalog', '--format', 'stratml', '--out', file], again.io)).toBe(2);
    expect(again.err.join('')).toBe(
      `error: ${file}: the file already exists; nothing was written [catalog.out]`,
    );
    // The file is a catalog again: --catalog reads it back as the same plan.
    expect((await loadCatalogSource(file)).catalog.keyActivities).toHaveLength(56);
  });

  it('refuses a DOCTYPE (XXE) in one line naming the file: nothing is loaded and no command runs', async () => {
    const hostile = join(directory, 'xxe.xml');
    writeFileSync(
      hostile,
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><PerformancePlanOrReport Type="Strategic_Plan"><Name>&x;</Name></PerformancePlanOrReport>',
    );
    const out = join(directory, 'templates');
    const { io, err } = capture();
    expect(
      await runCli(
        [
          '--data-dir',
          join(directory, 'data'),
          '--catalog',
          hostile,
          'template',
          '--office',
          'DJT',
          '--period',
          '2026-10',
          '--out',
          join(out, 't.xlsx'),
        ],
        io,
      ),
    ).toBe(2);
    expect(err).toEqual([
      `error: ${hostile}: the document contains a DOCTYPE declaration (line 1); DOCTYPE and ENTITY declarations are refused (they can read local files or expand without bound) [stratml.doctype]`,
    ]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('refuses XML of another kind and a plan with no goals, each in one line', async () => {
    const other = join(directory, 'feed.xml');
    writeFileSync(other, '<rss version="2.0"><channel/></rss>');
    const noGoals = join(directory, 'empty.xml');
    writeFileSync(
      noGoals,
      '<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" Type="Strategic_Plan"><Name>Empty</Name><StrategicPlanCore/></PerformancePlanOrReport>',
    );
    const first = capture();
    expect(await runCli(['--catalog', other, 'catalog'], first.io)).toBe(2);
    expect(first.err.join('')).toBe(
      `error: ${other}: the root element is <rss>: a StratML plan's is <PerformancePlanOrReport> (Part 2) or <StrategicPlan> (Part 1) [stratml.kind]`,
    );
    const second = capture();
    expect(await runCli(['--catalog', noGoals, 'catalog'], second.io)).toBe(2);
    expect(second.err.join('')).toBe(
      `error: ${noGoals}: the document has no <Goal>: a plan needs at least one [stratml.no-goals]`,
    );
  });
});
