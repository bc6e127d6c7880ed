/** No live API key has the name: nothing was revoked. */
export class KeyNotFoundError extends Error {
  readonly code = 'key_not_found';

  constructor(readonly keyName: string) {
    super(`no live API key is named ${keyName}`);
    this.name = 'KeyNotFoundError';
  }
}
