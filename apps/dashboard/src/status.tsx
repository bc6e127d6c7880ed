import { useEffect } from 'preact/hooks';
import { ApiProblem, SignedOut } from './api';
import type { Loaded } from './use-api';

/**
 * What a page shows before its figures: loading, a refusal naming the roles the API asked for, or
 * another problem. Null once there is data to show.
 */
export function Status<T>({ loaded, onSignedOut }: { loaded: Loaded<T>; onSignedOut: () => void }) {
  const { data, error } = loaded;
  useEffect(() => {
    if (error instanceof SignedOut) onSignedOut();
  }, [error, onSignedOut]);
  if (error instanceof SignedOut) return null;
  if (error instanceof ApiProblem && error.status === 403) {
    const roles = error.requiredRoles.join(', ') || 'another role';
    return (
      <p class="refusal" role="alert">
        Your token may not see this page: it needs one of these roles: {roles}.
      </p>
    );
  }
  if (error && !data) {
    return (
      <p class="refusal" role="alert">
        The API answered: {error.message}
      </p>
    );
  }
  if (!data) return <p aria-live="polite">Loading…</p>;
  return null;
}
