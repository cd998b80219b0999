/** The CLI's exit codes: what a script calling it can rely on. */
export const EXIT = {
  success: 0,
  /** Something failed that is not the user's input: a bug, a server, the network. */
  failure: 1,
  /**
   * The input was wrong (a file, a flag, a rejected submission), what was asked for does not
   * exist, or stored data did not match its recorded hash (`reports verify`, `get`, `reproduce`);
   * the message says what.
   */
  invalidInput: 2,
} as const;
