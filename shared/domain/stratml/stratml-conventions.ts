/**
 * How this product writes what StratML has no element for, so that its own exports read back as
 * the same catalog (docs/stratml.md, "Round trip"). Each convention is plain StratML a reader of
 * the standard can follow; none is needed to read anyone else's document.
 */

/** The role (and RoleType) of the stakeholders that are offices. */
export const PERFORMER = 'Performer';
/** The unit of measurement of a key activity's indicator. */
export const PERCENT_COMPLETE = 'Percent complete';

/**
 * AdministrativeInformation/Identifier: the catalog id and version, `<id>_v<version>`, with a
 * leading underscore because an identifier (xsd:ID) cannot start with a digit.
 */
export function catalogIdentifier(id: string, version: string): string {
  return `_${id}_v${version}`;
}
export function parseCatalogIdentifier(
  value: string | undefined,
): { id: string; version: string } | undefined {
  const match = /^_?([a-z0-9][a-z0-9-]{0,62})_v(\d+\.\d+\.\d+)$/.exec(value ?? '');
  return match ? { id: match[1] as string, version: match[2] as string } : undefined;
}

/** Element identifiers (xsd:ID) of goals, objectives and key activities. */
export const elementIdentifier = {
  goal: (id: string) => `goal-${id}`,
  objective: (id: string) => `objective-${id}`,
  keyActivity: (id: string) => `key-activity-${id}`,
};
/** The number an element identifier of this product carries (`objective-2.3` → `2.3`). */
export function numberOfIdentifier(value: string | undefined): string | undefined {
  return /^(?:goal|objective|key-activity)-(\d+(?:\.\d+)*)$/.exec(value ?? '')?.[1];
}

/** An office as a stakeholder's name: `Office of Field Operations (OFO)`. */
export function officeStakeholderName(office: { code: string; name: string }): string {
  return `${office.name} (${office.code})`;
}
/** The office code a stakeholder's name ends with in parentheses, and the name before it. */
export function parseOfficeStakeholderName(value: string): { name: string; code?: string } {
  const match = /^(.*\S)\s*\(([A-Z][A-Z0-9]{1,9})\)$/.exec(value);
  return match ? { name: match[1] as string, code: match[2] as string } : { name: value };
}

/**
 * An objective's mission area, in its OtherInformation:
 * `Mission area [border] Secure the Border — Protect the Homeland through …`.
 */
export interface MissionAreaNote {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}
const NOTE_SEPARATOR = ' — ';
export function missionAreaNote(area: MissionAreaNote): string {
  return `Mission area [${area.id}] ${area.title}${area.description !== undefined ? `${NOTE_SEPARATOR}${area.description}` : ''}`;
}
export function parseMissionAreaNote(value: string | undefined): MissionAreaNote | undefined {
  const match = /^Mission area \[([a-z0-9][a-z0-9-]{0,40})\] (.+)$/.exec(value ?? '');
  if (!match) return undefined;
  const rest = match[2] as string;
  const cut = rest.indexOf(NOTE_SEPARATOR);
  return cut === -1
    ? { id: match[1] as string, title: rest }
    : {
        id: match[1] as string,
        title: rest.slice(0, cut),
        description: rest.slice(cut + NOTE_SEPARATOR.length),
      };
}

/** A catalog source that is not a web address, in the document's OtherInformation: `Source: …`. */
export function sourceNote(source: string): string {
  return `Source: ${source}`;
}
export function parseSourceNote(value: string | undefined): string | undefined {
  return /^Source: (.+)$/.exec(value ?? '')?.[1];
}
