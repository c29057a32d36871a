// Verifies a deskhooks delivery (Standard Webhooks) with Node's crypto module only.
const crypto = require('node:crypto');

const TOLERANCE_SECONDS = 5 * 60;

/**
 * @param {string} secret   the webhook's secret, "whsec_…"
 * @param {Record<string, string>} headers  the request headers (lower-case names)
 * @param {string | Buffer} rawBody  the body exactly as received
 * @returns {string} the body, once it is known to be genuine; throws otherwise
 */
function verifyWebhook(secret, headers, rawBody, now = Date.now()) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = String(headers['webhook-signature'] || '').split(' ');
  if (!id || !timestamp) throw new Error('missing webhook-id or webhook-timestamp');
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new Error('timestamp outside the tolerance');
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  const valid = signatures.some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error('no valid signature');
  return rawBody.toString();
}

// With Express, keep the raw body: app.post('/hooks', express.raw({ type: '*/*' }), (req, res) => {
//   const event = JSON.parse(verifyWebhook(process.env.DESKHOOKS_SECRET, req.headers, req.body)); … res.sendStatus(204); });
module.exports = { verifyWebhook };
