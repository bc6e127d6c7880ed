/** No owner of that id is in the roster: nothing was ever set for them. */
export class OwnerNotFoundError extends Error {
  readonly code = 'owner_not_found';

  constructor(readonly ownerId: string) {
    super(`no owner ${ownerId} in the roster`);
    this.name = 'OwnerNotFoundError';
  }

  problemFields(): Record<string, unknown> {
    return { ownerId: this.ownerId };
  }
}
