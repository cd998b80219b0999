// TEMPORARY placeholder from the infra branch: replaced by the real handler on merge
/** Lets the infrastructure branch synthesise and bundle before the real ingest entry lands. */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('ingest: placeholder handler, not deployed');
};
