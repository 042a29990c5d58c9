import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, sign, signatureHeader, signingSecrets } from './webhook-signature';

const body = JSON.stringify({
  id: 'msg-1',
  type: 'payment.succeeded',
  createdAt: '2026-11-22T10:00:00.000Z',
  data: {},
});

describe('webhook signatures', () => {
  it('makes secrets of whsec_ and the base64 of 24 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs exactly as the Standard Webhooks reference library does', () => {
    const secret = newWebhookSecret();
    const timestamp = 1_795_000_000;
    expect(sign(secret, 'msg-1', timestamp, body)).toBe(
      new Webhook(secret).sign('msg-1', new Date(timestamp * 1000), body),
    );
  });

  it('sends one signature per secret, each verifiable with its own secret', () => {
    const [current, previous, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([current, previous], 'msg-1', timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg-1', 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ id: 'msg-1' });
    expect(new Webhook(previous).verify(body, headers)).toMatchObject({ id: 'msg-1' });
    expect(() => new Webhook(other).verify(body, headers)).toThrow('No matching signature');
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow('No matching signature');
  });

  it('signs with the previous secret only until the overlap ends', () => {
    const endpoint = {
      secret: 'whsec_new',
      previousSecret: 'whsec_old',
      previousSecretExpiresAt: new Date('2026-11-23T10:00:00Z'),
    };
    expect(signingSecrets(endpoint, new Date('2026-11-23T09:59:59Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(endpoint, new Date('2026-11-23T10:00:00Z'))).toEqual(['whsec_new']);
    expect(
      signingSecrets({ secret: 'whsec_new', previousSecret: null, previousSecretExpiresAt: null }, new Date()),
    ).toEqual(['whsec_new']);
  });
});
