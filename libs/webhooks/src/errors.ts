/** A subscription the registry will not take; `field` names what is wrong. */
export class WebhookInputError extends Error {
  readonly code = 'invalid_input';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'WebhookInputError';
  }

  problemFields(): Record<string, unknown> {
    return { errors: [{ field: this.field, message: this.problem }] };
  }
}

export class WebhookNotFoundError extends Error {
  readonly code = 'webhook_not_found';

  constructor(readonly webhookId: string) {
    super(`no webhook subscription ${webhookId}`);
    this.name = 'WebhookNotFoundError';
  }
}

export class DeliveryNotFoundError extends Error {
  readonly code = 'delivery_not_found';

  constructor(
    readonly webhookId: string,
    readonly deliveryId: string,
  ) {
    super(`webhook ${webhookId} has no delivery ${deliveryId}`);
    this.name = 'DeliveryNotFoundError';
  }
}

/** What was asked cannot be done in the subscription's (or delivery's) present state. */
export class WebhookStateError extends Error {
  readonly code = 'webhook_state';

  constructor(
    message: string,
    readonly state: string,
  ) {
    super(message);
    this.name = 'WebhookStateError';
  }

  problemFields(): Record<string, unknown> {
    return { currentState: this.state };
  }
}
