import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeys } from '@leadger/identity';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ProblemResponse } from '../problem/problem-details.dto';
import { ApiKeyListView, IssuedApiKeyView } from './api-key.view';
import { CreateApiKeyDto } from './create-api-key.dto';
import { KeyNotFoundError } from './key-not-found';

/** API keys, for admins: issued, listed, revoked. Each change is an event naming the admin who made it. */
@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: ApiKeys) {}

  @Post()
  @ApiOperation({ operationId: 'CreateApiKey', summary: 'Issue an API key; the token is shown once' })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  @ProblemResponse(400, 'A bad name or role, or a name a live key already has.')
  async create(@Body() body: CreateApiKeyDto, @CurrentCaller() caller: Caller): Promise<IssuedApiKeyView> {
    return this.keys.issue(body.name, body.roles, caller.principal.id);
  }

  @Get()
  @ApiOperation({ operationId: 'ListApiKeys', summary: 'Every key: name, roles, issued, revoked, last used' })
  @ApiOkResponse({ type: ApiKeyListView })
  async list(): Promise<ApiKeyListView> {
    return { items: await this.keys.list() };
  }

  @Delete(':name')
  @HttpCode(200)
  @ApiOperation({ operationId: 'RevokeApiKey', summary: 'Revoke the live key of that name, for good' })
  @ApiOkResponse({ type: ApiKeyListView, description: 'The keys revoked.' })
  @ProblemResponse(404, 'No live key has that name.')
  async revoke(@Param('name') name: string, @CurrentCaller() caller: Caller): Promise<ApiKeyListView> {
    const revoked = await this.keys.revoke(name, caller.principal.id);
    if (revoked.length === 0) throw new KeyNotFoundError(name);
    return { items: revoked };
  }
}
