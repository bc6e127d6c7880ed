import { z } from 'zod';
import type { SettingSchema } from './parsers';

/**
 * What a setting accepts, in the README's words, read from its schema's JSON Schema (the value side, after
 * the text is read): `integer 0–65535`, `one of normal, full`, `URL`, `host:port list`, `text`. A schema of another shape
 * throws, so a new kind of setting gets a description here before the README table can be written.
 */
export function settingType(schema: SettingSchema): string {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  if (json.type === 'integer') return `integer ${json.minimum}–${json.maximum}`;
  if (json.enum) return `one of ${json.enum.join(', ')}`;
  if (json.format === 'uri') return 'URL';
  if (json.format === 'host-port-list') return 'host:port list';
  if (json.type === 'string') return 'text';
  throw new Error(`no README type for a setting of schema ${JSON.stringify(json)}`);
}
