import document from '../../shared/catalog/cbp-strategy-2024-2028.json' with { type: 'json' };
import { type Catalog, parseCatalog } from '../../shared/domain/catalog/catalog';

/** The default plan with its mission areas taken out: what a plan loaded from elsewhere may look like. */
export function planWithoutMissionAreas(): Catalog {
  return parseCatalog(
    {
      ...document,
      id: 'plan-without-mission-areas',
      missionAreas: [],
      objectives: document.objectives.map(({ missionAreaId: _dropped, ...objective }) => objective),
    },
    'plan-without-mission-areas',
  );
}
