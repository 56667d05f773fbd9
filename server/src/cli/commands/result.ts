export interface CommandResult {
  stdout: string;
  exitCode: number;
  /** Notes for the user beside the output (one line each), e.g. files that could not be read. */
  notes?: readonly string[];
}
