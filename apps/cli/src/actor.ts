import { userInfo } from 'node:os';

/**
 * Who the CLI's events name as their actor: `cli:<os user>`. The CLI works on the stores directly, as the
 * operator who runs it, so the trail names that operator and nothing a flag could make up. A user with no
 * account entry (a container's bare uid) falls back to $USER, then to `unknown`.
 */
export function cliActor(env: NodeJS.ProcessEnv = process.env): string {
  return `cli:${osUser() ?? (env.USER?.trim() || 'unknown')}`;
}

function osUser(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    // userInfo() throws when the uid has no passwd entry.
    return undefined;
  }
}
