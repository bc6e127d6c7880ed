import { defaultRules, type Rules } from '@leadger/policies';
import { Text } from '../../validation/fields';

/**
 * A reason from one of the rules' reason sets. Validated here as text only: the sets are configuration
 * (the rules file), so the domain checks the reason against the set in force and refuses another with a
 * 422 naming `reason` and listing the set.
 */
export function Reason(
  set: keyof Rules['reasons'],
  options: { readonly optional?: boolean; readonly example?: string; readonly description?: string } = {},
): PropertyDecorator {
  const description =
    `One of the ${set} reasons in force: GET /policies, \`rules.reasons.${set}\` (by default ` +
    `${defaultRules.reasons[set].join(', ')}); \`other\` needs a note. Another is refused (422).`;
  return Text({ ...options, description: [options.description, description].filter(Boolean).join(' ') });
}
