/**
 * The Node.js verification snippet that the console's "Webhook security" tab shows is served from
 * this very file; it must accept what deskhooks signs and refuse anything altered, foreign or stale.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { signatureHeader } from '../../server/src/rules/request-builder';

const SNIPPET = path.resolve(__dirname, '../../server/src/admin/public/snippets/verify-webhook.js');
const { verifyWebhook } = require(SNIPPET) as {
  verifyWebhook(secret: string, headers: Record<string, string>, rawBody: string | Buffer, now?: number): string;
};

const newSecret = () => `whsec_${crypto.randomBytes(24).toString('base64')}`;

function signed(secrets: string[], body: string, signedAt: Date) {
  const id = `msg_${crypto.randomBytes(8).toString('hex')}`;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
    'webhook-signature': signatureHeader(secrets, id, signedAt, body),
  };
}

describe('the verification snippet of the Webhook security tab', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'chat.missed', timestamp: '2026-11-20T10:00:00Z', data: { chat: { id: 'c1' } } });
  const signedAt = new Date('2026-11-20T10:00:00Z');

  it('when a delivery is signed by deskhooks, then the snippet accepts it and returns the body', () => {
    const secret = newSecret();
    const headers = signed([secret], body, signedAt);
    expect(verifyWebhook(secret, headers, Buffer.from(body), signedAt.getTime() + 1000)).toBe(body);
  });

  it('when the body was altered after signing, then the snippet refuses it', () => {
    const secret = newSecret();
    const headers = signed([secret], body, signedAt);
    expect(() => verifyWebhook(secret, headers, body.replace('c1', 'c2'), signedAt.getTime())).toThrow('no valid signature');
  });

  it('when the receiver holds another secret, then the snippet refuses the delivery', () => {
    const headers = signed([newSecret()], body, signedAt);
    expect(() => verifyWebhook(newSecret(), headers, body, signedAt.getTime())).toThrow('no valid signature');
  });

  it('when the timestamp is more than five minutes off, then the snippet refuses a replay', () => {
    const secret = newSecret();
    const headers = signed([secret], body, signedAt);
    expect(() => verifyWebhook(secret, headers, body, signedAt.getTime() + 5 * 60_000 + 1000)).toThrow('tolerance');
    expect(() => verifyWebhook(secret, headers, body, signedAt.getTime() - 5 * 60_000 - 1000)).toThrow('tolerance');
  });

  it('when a secret rotation overlaps, then a receiver with either secret accepts the delivery', () => {
    const current = newSecret();
    const previous = newSecret();
    const headers = signed([current, previous], body, signedAt);
    expect(verifyWebhook(current, headers, body, signedAt.getTime())).toBe(body);
    expect(verifyWebhook(previous, headers, body, signedAt.getTime())).toBe(body);
  });

  it('when the webhook headers are missing, then the snippet says which', () => {
    expect(() => verifyWebhook(newSecret(), {}, body, signedAt.getTime())).toThrow('missing webhook-id or webhook-timestamp');
  });
});
