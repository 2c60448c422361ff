import { ShipshapeError } from '@shipshape/core';

/** The OSV database directory is missing, unreadable or holds nothing OSV-shaped. */
export class DatabaseError extends ShipshapeError {
  constructor(message: string) {
    super('vulns-database', message);
    this.name = 'DatabaseError';
  }
}

/** `vulns update` could not refresh one or more ecosystems (the previous copy is kept). */
export class UpdateError extends ShipshapeError {
  constructor(message: string) {
    super('vulns-update', message);
    this.name = 'UpdateError';
  }
}
