/**
 * Hook URLs may carry Liquid tags (`https://x.example/tickets/{{ data.ticket.id }}`), rendered per
 * event with every value URL-encoded. Tags are allowed only after the host, so the host checked at
 * subscribe time is the host every delivery goes to. Callers pass the URL with EddyDesk's `{tag}`
 * form already expanded (expandSingleBraceTags), so both forms follow the same rules.
 */
import { expandSingleBraceTags, withFlatTags } from '../catalog/flat-tags';
import { hasLiquidTags, renderTemplate } from './liquid';

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const SCHEME_AND_AUTHORITY = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

/** The scheme and authority when they hold no Liquid tags; null when they do. */
export function literalPrefix(url: string): string | null {
  const match = SCHEME_AND_AUTHORITY.exec(url);
  if (!match) return hasLiquidTags(url) ? null : '';
  return hasLiquidTags(match[0]) ? null : match[0];
}

/** The URL with each tag replaced by a placeholder, for parsing its fixed parts. */
export function placeholderUrl(url: string): string {
  return url.replace(TAG, 'x');
}

/** Renders the URL's tags (flat tags too, EddyDesk's `{tag}` form included) over the envelope, each output URL-encoded. */
export function renderUrl(url: string, envelope: object): string {
  const source = expandSingleBraceTags(url);
  return hasLiquidTags(source) ? renderTemplate('url', source, withFlatTags(envelope, source)) : url;
}
