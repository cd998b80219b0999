import type { Catalog } from '../catalog/catalog';

/**
 * The entries of a catalog — every (office, key activity) pair an office reports on — numbered
 * office-major in catalog order, with lookups from office code and activity id to their
 * positions. Derived from the (immutable) catalog alone, so it is built once per catalog and
 * reused by every rollup with that catalog: a Lambda container builds it on its first run.
 * Per entry, integers only (typed arrays): a million entries cost a few megabytes and nothing
 * for the garbage collector to trace; an entry's office code and activity id are looked up by
 * its office and activity positions.
 */
export interface EntryIndex {
  readonly officeIndex: ReadonlyMap<string, number>;
  readonly activityIndex: ReadonlyMap<string, number>;
  /** The catalog's office codes and key activity ids by position: no object to load per lookup. */
  readonly officeCodes: readonly string[];
  readonly activityIds: readonly string[];
  /** office × activityCount + activity → entry number, or −1 when the office does not report on it. */
  readonly entryAt: Int32Array;
  readonly entryOffice: Int32Array;
  readonly entryActivity: Int32Array;
  /** The entries of office n are officeStart[n] … officeStart[n + 1] − 1. */
  readonly officeStart: Int32Array;
  readonly entryCount: number;
}

const built = new WeakMap<Catalog, EntryIndex>();

export function entryIndexOf(catalog: Catalog): EntryIndex {
  const known = built.get(catalog);
  if (known !== undefined) return known;
  const offices = catalog.offices;
  const activityCount = catalog.keyActivities.length;
  const officeIndex = new Map(offices.map((office, index) => [office.code, index]));
  const activityIndex = new Map(catalog.keyActivities.map((activity, index) => [activity.id, index]));
  const entryAt = new Int32Array(offices.length * activityCount).fill(-1);
  let entryCount = 0;
  for (const office of offices) entryCount += catalog.activitiesOf(office.code).length;
  const entryOffice = new Int32Array(entryCount);
  const entryActivity = new Int32Array(entryCount);
  const officeStart = new Int32Array(offices.length + 1);
  let entry = 0;
  offices.forEach((office, officeNumber) => {
    officeStart[officeNumber] = entry;
    for (const activity of catalog.activitiesOf(office.code)) {
      const activityNumber = activityIndex.get(activity.id) as number;
      entryAt[officeNumber * activityCount + activityNumber] = entry;
      entryOffice[entry] = officeNumber;
      entryActivity[entry] = activityNumber;
      entry++;
    }
  });
  officeStart[offices.length] = entry;
  const index = {
    officeIndex,
    activityIndex,
    officeCodes: offices.map((office) => office.code),
    activityIds: catalog.keyActivities.map((activity) => activity.id),
    entryAt,
    entryOffice,
    entryActivity,
    officeStart,
    entryCount,
  };
  built.set(catalog, index);
  return index;
}
