/**
 * What every command and event carries besides its data. The application layer adds actor, ids and hashes
 * to the stored metadata; the domain only needs the business time.
 */
export type DomainMetadata = Readonly<{
  /** ISO-8601; when it happened in the business (may be in the past for imports). */
  occurredAt: string;
}>;

/** A command or an event: readonly data whose `type` string is the stored contract. */
export type Message<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: DomainMetadata;
}>;
