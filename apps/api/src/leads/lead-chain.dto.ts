import { Choice, Count, Flag, Label, ListOf, Revision, Uuid } from '../http/answer-fields';
import type { ChainBreakView, LeadChainView } from './lead-chain';

const reasons: readonly ChainBreakView['reason'][] = ['revision_gap', 'prev_hash_mismatch', 'hash_mismatch'];

export class ChainBreakResponse implements ChainBreakView {
  @Revision() readonly revision: string;
  @Choice(reasons) readonly reason: ChainBreakView['reason'];
  @Label() readonly detail: string;
}

export class LeadChainResponse implements LeadChainView {
  @Uuid() readonly leadId: string;
  @Count({ description: 'Events checked: the whole stream.' }) readonly events: number;
  @Flag({ description: 'Every revision present, every link and hash intact.' }) readonly verified: boolean;
  @ListOf(() => ChainBreakResponse, { description: 'The first break, when there is one.' })
  readonly breaks: readonly ChainBreakResponse[];
  @Label({ nullable: true, description: "The last event's hash (SHA-256, hex)." }) readonly lastHash:
    string | null;
}
