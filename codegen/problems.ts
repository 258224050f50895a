// Errors and warnings the generator reports. Errors stop generation before anything is written;
// warnings name a shape the generator did not understand and the safe fallback it used.

/** A fatal problem in the input, with the JSON path where it was found. */
export class GenerateError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'GenerateError';
  }
}

/** Collects warnings so callers (CLI, tests) decide how to show them. */
export class Warnings {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}
