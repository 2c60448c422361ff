/** Base class of the tool's own errors; `code` is stable and maps to an exit code in the CLI. */
export class ShipshapeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShipshapeError';
  }
}

/** Bad configuration: names the file, the path inside it and what was expected. */
export class ConfigError extends ShipshapeError {
  constructor(
    message: string,
    readonly file?: string,
    readonly keyPath?: string,
  ) {
    super('config-invalid', message);
    this.name = 'ConfigError';
  }
}

/** Bad command-line usage or arguments. */
export class UsageError extends ShipshapeError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** A file the user pointed at could not be read or parsed (baseline, config, ...). */
export class InputError extends ShipshapeError {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super('input-invalid', message);
    this.name = 'InputError';
  }
}
