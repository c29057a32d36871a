/**
 * Our native signing produces exactly what the standardwebhooks package signs and verifies, for
 * prefixed and bare secrets, empty and non-ASCII bodies, and several secrets during a rotation.
 */
import { Webhook } from 'standardwebhooks';
import { sign, signatureHeader } from '../../server/src/rules/signature';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const at = new Date('2026-11-29T10:00:00.123Z');

test.each([
  ['a JSON body', '{"id":"evt_1","data":{"n":1}}'],
  ['an empty body (GET)', ''],
  ['a non-ASCII body', '<note>café ✓ — 日本</note>'],
])('when %s is signed, then the signature equals the standardwebhooks package one', (_name, body) => {
  expect(sign(secret, 'msg_1', at, body)).toBe(new Webhook(secret).sign('msg_1', at, body));
  expect(sign(secret.slice('whsec_'.length), 'msg_1', at, body)).toBe(new Webhook(secret).sign('msg_1', at, body));
});

test('when two secrets overlap a rotation, then the header carries both and verifies with either', () => {
  const older = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
  const body = '{"ok":true}';
  const header = signatureHeader([secret, older], 'msg_2', at, body);
  expect(header.split(' ')).toHaveLength(2);
  for (const key of [secret, older]) {
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': header };
    // The package refuses old timestamps: verify at the signing time.
    jest.useFakeTimers({ now: at });
    try {
      expect(new Webhook(key).verify(body, headers)).toEqual({ ok: true });
    } finally {
      jest.useRealTimers();
    }
  }
});
