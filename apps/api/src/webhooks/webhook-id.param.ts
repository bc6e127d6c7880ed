import { Param, type PipeTransform } from '@nestjs/common';
import { WEBHOOK_ID } from '@leadger/webhooks';
import { InvalidInputError } from '../problem/problem-details';

/** Refuses a `{webhookId}` that could not name a subscription before any store is read. */
const webhookId: PipeTransform<string, string> = {
  transform(value) {
    if (WEBHOOK_ID.test(value)) return value;
    throw new InvalidInputError([{ field: 'webhookId', message: 'must be wh_ and 16 hex digits' }]);
  },
};

export const WebhookIdParam = (): ParameterDecorator => Param('webhookId', webhookId);
