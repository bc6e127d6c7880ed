import { UsageError } from '../errors';

/** The lead fields an import fills, each from one column of the file. */
export const importFields = [
  'email',
  'firstName',
  'lastName',
  'company',
  'title',
  'phone',
  'source',
  'campaign',
  'occurredAt',
  'stage',
  'score',
  'disqualifyReason',
] as const;
export type ImportField = (typeof importFields)[number];

/** Headers other CRMs use for each field, compared without case, spaces or punctuation. */
const aliases: Record<ImportField, readonly string[]> = {
  email: ['email', 'emailaddress', 'mail', 'primaryemail'],
  firstName: ['firstname', 'first', 'givenname'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  company: ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation'],
  title: ['title', 'jobtitle', 'position'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone'],
  source: ['source', 'leadsource', 'origin', 'channel'],
  campaign: ['campaign', 'campaignname', 'utmcampaign'],
  occurredAt: ['createdat', 'created', 'createddate', 'createdon', 'createtime', 'occurredat', 'date'],
  stage: ['stage', 'status', 'leadstatus', 'lifecyclestage'],
  score: ['score', 'leadscore'],
  disqualifyReason: ['disqualifyreason', 'disqualificationreason', 'unqualifiedreason'],
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which column index holds each field: `--map field=Header` first, then the known aliases. */
export type ColumnMap = Partial<Record<ImportField, number>>;

/**
 * Maps the file's header row onto fields. A `--map` naming an unknown field or a header the file does not
 * have is a usage error, as is a file without an email column: nothing is imported then.
 */
export function mapColumns(headers: readonly string[], overrides: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  const index = (header: string) =>
    headers.findIndex((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
  for (const override of overrides) {
    const eq = override.indexOf('=');
    const field = override.slice(0, eq).trim() as ImportField;
    const header = override.slice(eq + 1);
    if (eq < 0 || !importFields.includes(field))
      throw new UsageError(
        `--map "${override}": expected field=Header with a field among ${importFields.join(', ')}`,
      );
    const at = index(header);
    if (at < 0)
      throw new UsageError(
        `--map "${override}": the file has no column "${header}" (it has ${headers.join(', ')})`,
      );
    map[field] = at;
  }
  for (const field of importFields) {
    if (map[field] !== undefined) continue;
    const at = headers.findIndex((h) => aliases[field].includes(squash(h)));
    if (at >= 0) map[field] = at;
  }
  if (map.email === undefined)
    throw new UsageError(`no email column among ${headers.join(', ')}; name it with --map email=<header>`);
  return map;
}
