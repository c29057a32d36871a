// Webhook security: static explanation in the page, plus the verification snippet, shown from the very file the tests run.
import { $, copyBlock, replaceChildren } from './dom.js';

export function createSecurityView() {
  let loaded = false;
  return {
    async show() {
      if (loaded) return;
      const target = $('#verify-snippet');
      try {
        const response = await fetch('/admin/snippets/verify-webhook.js', { cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        replaceChildren(target, copyBlock('Node.js verification snippet', await response.text(), { id: 'verify-code' }));
        loaded = true;
      } catch (error) {
        target.textContent = `The snippet could not be loaded (${error.message}).`;
      }
    },
  };
}
