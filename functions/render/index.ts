// TEMPORARY placeholder from the infra branch: replaced by the real handler on merge
/** Lets the infrastructure branch synthesise and bundle before the real render entry lands. */
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('render: placeholder handler, not deployed');
};
