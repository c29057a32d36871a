// Checks a captured delivery's Standard Webhooks signature in the browser, with WebCrypto's HMAC-SHA256:
// the same computation a receiver does (snippets/verify-webhook.js), so an admin can test a secret.

function base64ToBytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function bytesToBase64(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Header lookup regardless of the case the capture recorded them in. */
export function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * @param {string} secret  "whsec_…" (the prefix is optional)
 * @param {Record<string, string>} headers  the captured request headers
 * @param {string} body  the exact body
 * @returns {Promise<{ valid: boolean, reason: string, expected?: string }>}
 */
export async function verifySignature(secret, headers, body) {
  if (!globalThis.crypto?.subtle) {
    return { valid: false, reason: 'This browser cannot compute HMACs here: WebCrypto needs a secure context (HTTPS or localhost).' };
  }
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signatures = String(headerValue(headers, 'webhook-signature') ?? '').split(' ').filter(Boolean);
  if (!id || !timestamp || signatures.length === 0) return { valid: false, reason: 'The capture has no webhook-id, webhook-timestamp or webhook-signature header.' };
  let key;
  try {
    key = base64ToBytes(secret.trim().replace(/^whsec_/, ''));
  } catch {
    return { valid: false, reason: 'The secret is not a whsec_… secret (its part after whsec_ must be base64).' };
  }
  if (key.length === 0) return { valid: false, reason: 'Enter the webhook\'s secret (whsec_…).' };
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  const expected = bytesToBase64(mac);
  const matches = signatures.some((entry) => {
    const [version, value] = entry.split(',');
    return version === 'v1' && value === expected;
  });
  return matches
    ? { valid: true, reason: `A v1 signature matches: HMAC-SHA256 of "${id}.${timestamp}.<body>" with this secret.`, expected }
    : { valid: false, reason: `No v1 signature matches this secret. Expected v1,${expected}.`, expected };
}
