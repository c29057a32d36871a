/**
 * Whether a rendered template body is what its content type promises: JSON that parses, well-formed
 * XML, or form data (`name=value&…`, percent-encoded). A template that renders `{"status": New}` must
 * not be sent as application/json and recorded as a success; receivers would reject or misread it.
 * Every check is a single linear pass (it runs on every templated delivery).
 */

export type TemplateContentType = 'json' | 'xml' | 'form';

const ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/;
const NAME = '[A-Za-z_:\\u00C0-\\uFFFF][-.0-9A-Za-z_:\\u00B7\\u00C0-\\uFFFF]*';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');

function excerpt(text: string, at: number): string {
  return JSON.stringify(text.slice(at, at + 30));
}

/** Why the text is not a well-formed XML document, or null. No DOCTYPE: deliveries carry no entity declarations. */
export function xmlProblem(text: string): string | null {
  const stack: string[] = [];
  let rootSeen = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? text.length : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      if (stack.length === 0) {
        if (chunk.trim() !== '') return `has text outside the root element at character ${i + 1}: ${excerpt(text, i)}`;
      } else {
        const bad = ENTITY.exec(chunk);
        if (bad) return `has an & that is not an entity (&amp;, &lt;, &#…;) at character ${i + bad.index + 1}`;
        if (chunk.includes(']]>')) return `has "]]>" in text at character ${i + chunk.indexOf(']]>') + 1}`;
      }
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return `has an unterminated comment at character ${i + 1}`;
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) return `has a CDATA section outside the root element at character ${i + 1}`;
      const close = text.indexOf(']]>', i + 9);
      if (close === -1) return `has an unterminated CDATA section at character ${i + 1}`;
      i = close + 3;
    } else if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) return `has an unterminated processing instruction at character ${i + 1}`;
      i = close + 2;
    } else if (text.startsWith('<!', i)) {
      return `has a declaration (${excerpt(text, i)}) at character ${i + 1}; DOCTYPEs are not allowed`;
    } else if (text.startsWith('</', i)) {
      END_TAG.lastIndex = i;
      const match = END_TAG.exec(text);
      if (!match) return `has a malformed end tag at character ${i + 1}: ${excerpt(text, i)}`;
      const open = stack.pop();
      if (open !== match[1]) return open ? `closes <${open}> with </${match[1]}> at character ${i + 1}` : `closes </${match[1]}>, which is not open, at character ${i + 1}`;
      i = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = i;
      const match = START_TAG.exec(text);
      if (!match) return `has a malformed tag at character ${i + 1}: ${excerpt(text, i)}`;
      if (stack.length === 0 && rootSeen) return `has a second root element <${match[1]}> at character ${i + 1}`;
      const seen = new Set<string>();
      for (const attribute of match[2].matchAll(ATTRIBUTE)) {
        if (seen.has(attribute[1])) return `repeats the attribute ${attribute[1]} of <${match[1]}> at character ${i + 1}`;
        seen.add(attribute[1]);
        if (ENTITY.test(attribute[2] ?? attribute[3] ?? '')) return `has an & that is not an entity in the attribute ${attribute[1]} of <${match[1]}>`;
      }
      rootSeen = true;
      if (match[3] !== '/') stack.push(match[1]);
      i = START_TAG.lastIndex;
    }
  }
  if (stack.length > 0) return `leaves <${stack[stack.length - 1]}> unclosed`;
  if (!rootSeen) return 'has no root element';
  return null;
}

/** Printable ASCII except the separators, or a %XX escape; `+` is a space. */
const FORM_COMPONENT = /^(?:[A-Za-z0-9*\-._~!$'(),;:@/?+]|%[0-9A-Fa-f]{2})*$/;

/** Why the text is not application/x-www-form-urlencoded data, or null. Empty is an empty form. */
export function formProblem(text: string): string | null {
  if (text === '') return null;
  for (const [index, pair] of text.split('&').entries()) {
    const [name, ...rest] = pair.split('=');
    const value = rest.join('=');
    if (name === '') return `has a field without a name (pair ${index + 1}: ${JSON.stringify(pair.slice(0, 30))})`;
    if (rest.length > 1) return `has more than one = in pair ${index + 1}; encode = in values as %3D`;
    for (const part of [name, value]) {
      if (!FORM_COMPONENT.test(part)) {
        return `has a character that must be percent-encoded in pair ${index + 1} (${JSON.stringify(pair.slice(0, 30))}); use {{ … }} output, which encodes, or %XX`;
      }
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return `has a percent escape that is not UTF-8 in pair ${index + 1} (${JSON.stringify(pair.slice(0, 30))})`;
      }
    }
  }
  return null;
}

/** Why the text is not JSON, or null. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `is not valid JSON: ${(error as Error).message}`;
  }
}

/** Why a rendered body is not valid for its content type, or null. */
export function templateOutputProblem(contentType: TemplateContentType, body: string): string | null {
  switch (contentType) {
    case 'json':
      return jsonProblem(body);
    case 'xml':
      return xmlProblem(body);
    case 'form':
      return formProblem(body);
    default:
      return null;
  }
}
