/** Exit codes shared by every command; scripts rely on them. */
export const EXIT = {
  /** Nothing at or above --fail-on. */
  ok: 0,
  /** Findings at or above --fail-on. */
  findings: 1,
  /** Bad flags or targets: nothing was sent. */
  usage: 2,
  /** Something failed while running. */
  runtime: 3,
} as const;
