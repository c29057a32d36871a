// Verifies a deskhooks delivery (Standard Webhooks) with Node's crypto module only, whatever its
// format: JSON, XML or form (a template hook), or no body at all (GET). The signature covers the raw
// bytes, so verify them first and parse only afterwards.
const crypto = require('node:crypto');

const TOLERANCE_SECONDS = 5 * 60;

/**
 * @param {string} secret   the webhook's secret, "whsec_…"
 * @param {Record<string, string>} headers  the request headers (lower-case names)
 * @param {string | Buffer | undefined} rawBody  the body exactly as received (undefined or empty for GET)
 * @returns {string} the body, once it is known to be genuine; throws otherwise
 */
function verifyWebhook(secret, headers, rawBody, now = Date.now()) {
  if (rawBody !== undefined && rawBody !== null && typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) {
    throw new Error('rawBody must be the body as received (a string or Buffer), not a parsed object: read it with express.raw({ type: "*/*" })');
  }
  const body = rawBody === undefined || rawBody === null ? '' : rawBody.toString('utf8');
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = String(headers['webhook-signature'] || '').split(' ');
  if (!id || !timestamp) throw new Error('missing webhook-id or webhook-timestamp');
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new Error('timestamp outside the tolerance');
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const valid = signatures.some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error('no valid signature');
  return body;
}

/**
 * The verified body as its content type says: JSON parsed, a form as an object of its fields, XML
 * (and anything else) as the text itself, for your XML parser.
 * @param {Record<string, string>} headers
 * @param {string} body  what verifyWebhook returned
 */
function parseWebhookBody(headers, body) {
  const type = String(headers['content-type'] || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return JSON.parse(body);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  return body;
}

// With Express, keep the raw body (for every content type) and verify before parsing:
// app.post('/hooks', express.raw({ type: '*/*' }), (req, res) => {
//   const body = verifyWebhook(process.env.DESKHOOKS_SECRET, req.headers, req.body); // throws: answer 400
//   const event = parseWebhookBody(req.headers, body); // JSON → object, form → fields, XML → text
//   res.sendStatus(204);
// });
module.exports = { verifyWebhook, parseWebhookBody };
