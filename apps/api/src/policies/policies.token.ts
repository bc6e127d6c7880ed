/** The rules this process runs with (`PoliciesInForce`): read, checked and recorded once, at start. */
export const POLICIES = Symbol('POLICIES');
