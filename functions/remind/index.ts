// TEMPORARY placeholder from the infra branch: replaced by the real handler on merge
/** Lets the infrastructure branch synthesise and bundle before the real remind entry lands. */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('remind: placeholder handler, not deployed');
};
