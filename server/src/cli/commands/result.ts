export interface CommandResult {
  stdout: string;
  exitCode: number;
}
