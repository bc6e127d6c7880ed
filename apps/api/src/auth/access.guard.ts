import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { access, rolesFor, scopesOf, type Operation } from '@leadger/identity';
import type { FastifyRequest } from 'fastify';
import { Authenticator } from './authenticator';
import { setCaller, setPrincipal } from './caller';
import { ForbiddenError } from './forbidden';

/**
 * Every route whose operation is in the roles table needs a bearer token (401 without a valid one) whose
 * roles grant the operation (403 naming them otherwise). The operation is the route's OpenAPI operationId,
 * so the document and the checks read the same table; routes outside it (health) are open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = operationOf(this.reflector, context);
    if (!operation) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticator.authenticate(request.headers.authorization);
    setPrincipal(request, principal);
    const scopes = scopesOf(operation, principal.roles);
    if (scopes.length === 0) throw ForbiddenError.lacksRole(operation, rolesFor(operation));
    setCaller(request, { principal, operation, scopes });
    return true;
  }
}

/** Where `@ApiOperation` keeps its options (`DECORATORS.API_OPERATION`, which the package does not export). */
const API_OPERATION = 'swagger/apiOperation';

/** The guarded operation a route serves, or null for an open one. */
export function operationOf(reflector: Reflector, context: ExecutionContext): Operation | null {
  const documented = reflector.get<{ operationId?: string } | undefined>(API_OPERATION, context.getHandler());
  const id = documented?.operationId;
  return id !== undefined && id in access ? (id as Operation) : null;
}
