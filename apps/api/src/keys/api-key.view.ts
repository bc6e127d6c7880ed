import { roles, type ApiKeyRecord, type Role } from '@leadger/identity';
import { Choices, Label, ListOf, Moment, Part } from '../http/answer-fields';

/** A key as listed: never the key itself, nor its hash. */
export class ApiKeyView implements ApiKeyRecord {
  @Label({ description: 'Names the key record; not secret.' }) readonly keyId: string;
  @Label({ description: "The principal's id." }) readonly name: string;
  @Choices(roles) readonly roles: readonly Role[];
  @Moment() readonly issuedAt: string;
  @Label() readonly issuedBy: string;
  @Moment({ nullable: true }) readonly revokedAt: string | null;
  @Label({ nullable: true }) readonly revokedBy: string | null;
  @Moment({ nullable: true, description: 'Recorded at most once a minute.' }) readonly lastUsedAt:
    string | null;
}

export class IssuedApiKeyView {
  @Label({ description: 'The key, `lgr_<keyId>_<secret>`: shown this once, stored only as a hash.' })
  readonly token: string;
  @Part(() => ApiKeyView) readonly key: ApiKeyView;
}

export class ApiKeyListView {
  @ListOf(() => ApiKeyView, { description: 'Newest first, revoked keys included.' })
  readonly items: readonly ApiKeyView[];
}
