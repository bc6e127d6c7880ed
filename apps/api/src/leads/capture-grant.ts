import { rolesFor, type Role } from '@leadger/identity';
import type { LeadOrigin } from '@leadger/lead-domain';
import type { Caller } from '../auth/caller';
import { ForbiddenError } from '../auth/forbidden';

const capturesFor: Readonly<Record<LeadOrigin, readonly Role[]>> = {
  marketing: ['service', 'marketing'],
  sales: ['sales', 'sales_manager'],
};

/**
 * Who may capture which lead: marketing's captures are the services' and marketing's; a sales-sourced one
 * is sales', and a rep may name only themself as its owner (a manager may name any rep), so no rep can
 * take a lead in someone else's name.
 */
export function checkCaptureGrant(caller: Caller, origin: LeadOrigin, owner: string | undefined): void {
  const { principal, operation } = caller;
  const allowed = capturesFor[origin];
  if (!principal.roles.some((role) => allowed.includes(role)))
    throw new ForbiddenError(
      operation,
      rolesFor(operation),
      `${operation} with origin ${origin} needs one of the roles ${allowed.join(', ')}`,
    );
  if (origin !== 'sales' || principal.roles.includes('sales_manager') || owner === undefined) return;
  if (owner.trim() !== principal.id)
    throw new ForbiddenError(
      operation,
      rolesFor(operation),
      `${operation}: a sales rep may name only themself (${principal.id}) as the owner of a lead they found`,
    );
}
