import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Operation, Principal, Scope } from '@leadger/identity';
import type { FastifyRequest } from 'fastify';

/** The authenticated caller of an operation, and how far its roles reach on it. */
export interface Caller {
  readonly principal: Principal;
  readonly operation: Operation;
  /** The scopes its roles grant on the operation; never empty (the guard refused that). */
  readonly scopes: readonly Scope[];
}

/** Where the access guard leaves the caller on the request. */
export const CALLER = Symbol('caller');
const PRINCIPAL = Symbol('principal');

type WithCaller = FastifyRequest & { [CALLER]?: Caller; [PRINCIPAL]?: Principal };

/** Who the request proved to be, noted as soon as it is known: a 403's log line names who was refused. */
export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  (request as WithCaller)[PRINCIPAL] = principal;
}

/** The authenticated principal, if any (none on open routes, nor on a 401). */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return (request as WithCaller)[PRINCIPAL];
}

export function setCaller(request: FastifyRequest, caller: Caller): void {
  (request as WithCaller)[CALLER] = caller;
}

export function callerOf(request: FastifyRequest): Caller {
  const caller = (request as WithCaller)[CALLER];
  if (!caller) throw new Error('no caller on a guarded route: the access guard did not run');
  return caller;
}

/** The caller the access guard authenticated, as a handler parameter. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  callerOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
