import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signature } from './webhook-secret';

describe('signature', () => {
  it('is what a Standard Webhooks receiver verifies, and nothing else is', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'LeadCaptured', data: { leadId: 'l-1', note: 'é ✓' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = (signed: string) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signed,
    });
    const receiver = new Webhook(secret);

    expect(receiver.verify(body, headers(signature(secret, 'msg_1', timestamp, body)))).toEqual(
      JSON.parse(body),
    );
    expect(() => receiver.verify(body, headers(signature(secret, 'msg_2', timestamp, body)))).toThrow();
    expect(() => receiver.verify(`${body} `, headers(signature(secret, 'msg_1', timestamp, body)))).toThrow();
    expect(() =>
      receiver.verify(body, headers(signature(newWebhookSecret(), 'msg_1', timestamp, body))),
    ).toThrow();
  });
});
