import type { Operation, Role } from '@leadger/identity';

/** The caller is who it says, but may not do this: a 403 naming what it lacks. Nothing is read or changed. */
export class ForbiddenError extends Error {
  readonly code = 'forbidden';

  constructor(
    readonly operation: Operation,
    readonly requiredRoles: readonly Role[],
    reason: string,
  ) {
    super(reason);
    this.name = 'ForbiddenError';
  }

  /** The principal holds none of the roles the operation takes. */
  static lacksRole(operation: Operation, required: readonly Role[]): ForbiddenError {
    return new ForbiddenError(
      operation,
      required,
      `${operation} needs one of the roles ${required.join(', ')}`,
    );
  }

  problemFields(): Record<string, unknown> {
    return { operation: this.operation, requiredRoles: this.requiredRoles };
  }
}
