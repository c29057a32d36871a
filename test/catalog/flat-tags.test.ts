/**
 * The flat tags of triggers/_shared/flat-tags.json: which trigger offers which tag (derived from the
 * schemas), how EddyDesk's `{tag}` form is read outside Liquid markup only, and that reading a
 * tenant's template stays linear whatever it holds.
 */
import { getCatalog } from '../../server/src/catalog/catalog';
import { expandSingleBraceTags, flatTags, flatTagsOf, flatTagValues, schemaHasPath, singleBraceNames, withFlatTags } from '../../server/src/catalog/flat-tags';

const catalog = getCatalog();
const names = (type: string) => flatTagsOf(catalog, type).map((tag) => tag.name);

describe('flat tags per trigger', () => {
  it('when the tags of every trigger are derived, then each tag is offered by at least one trigger', () => {
    const offered = new Set(catalog.types.flatMap(names));
    expect(flatTags().map((tag) => tag.name).filter((name) => !offered.has(name))).toEqual([]);
  });

  it('when ticket, chat and message triggers are compared, then each offers the tags its data has and no other', () => {
    expect(names('ticket.reply_added')).toEqual(expect.arrayContaining(['ticket_id', 'parent_ticket_id', 'link_staff', 'link_client', 'reply_text', 'reply_author_kind']));
    expect(names('ticket.reply_added')).not.toContain('note_text');
    expect(names('ticket.note_added')).toContain('note_text');
    expect(names('chat.missed')).toEqual(expect.arrayContaining(['chat_id', 'status', 'requester_name']));
    expect(names('chat.missed')).not.toContain('ticket_id');
    expect(names('message.created')).toEqual(expect.arrayContaining(['chat_id', 'message_text']));
    // system.event's data names the chat and the ticket it is about (by id only).
    expect(names('system.event')).toEqual(['ticket_id', 'chat_id', 'event_id', 'event_type', 'event_time']);
  });

  it('when a sample is read through its tags, then each tag gives the value at its path', () => {
    const envelope = catalog.sampleEnvelope('ticket.reply_added', 'subrequest');
    const data = envelope.data as any;
    expect(flatTagValues(envelope)).toMatchObject({
      ticket_id: data.ticket.id,
      parent_ticket_id: data.ticket.parentTicketId,
      link_staff: data.ticket.staffUrl,
      status: data.ticket.status,
      requester_email: data.ticket.contact.email,
      event_type: 'ticket.reply_added',
    });
    const chat = catalog.sampleEnvelope('chat.status_changed');
    expect(flatTagValues(chat)).toMatchObject({ status: 'completed', previous_status: 'handled', chat_id: (chat.data as any).chat.id });
  });

  it('when a template mentions no tag, then the render scope is the envelope itself', () => {
    const envelope = catalog.sampleEnvelope('ticket.created');
    expect(withFlatTags(envelope, '{{ data.ticket.id }}')).toBe(envelope);
    expect(withFlatTags(envelope, '{{ ticket_id }}')).toMatchObject({ ticket_id: (envelope.data as any).ticket.id, data: envelope.data });
  });

  it('when schema paths are checked, then anyOf branches, array items and size/first are followed', () => {
    const schema = catalog.dataSchema('ticket.created');
    expect(schemaHasPath(schema, ['ticket', 'assignee', 'email'])).toBe(true); // anyOf [User, null]
    expect(schemaHasPath(schema, ['ticket', 'tags', 0])).toBe(true);
    expect(schemaHasPath(schema, ['ticket', 'tags', 'size'])).toBe(true);
    expect(schemaHasPath(schema, ['ticket', 'parentTicketId'])).toBe(true);
    expect(schemaHasPath(schema, ['ticket', 'parentTicketid'])).toBe(false);
    expect(schemaHasPath(schema, ['ticket', ['dynamic']])).toBe(true);
  });
});

describe("EddyDesk's single-brace form", () => {
  it('when {tag} is written in text, then known tags become Liquid and anything else stays as written', () => {
    expect(expandSingleBraceTags('https://x.example/tickets/{parent_ticket_id}/comments/')).toBe('https://x.example/tickets/{{ parent_ticket_id }}/comments/');
    expect(expandSingleBraceTags('{"text": "link: {link_staff} {not_a_tag}"}')).toBe('{"text": "link: {{ link_staff }} {not_a_tag}"}');
  });

  it('when braces sit inside Liquid markup or a raw block, then they are not read as tags', () => {
    const source = '{{ "{ticket_id}" }} {% if x %}{ticket_id}{% endif %} {% raw %}{ticket_id}{% endraw %} {%- raw -%}{link_staff}{%- endraw -%}';
    expect(singleBraceNames(source)).toEqual(['ticket_id']);
    expect(expandSingleBraceTags(source)).toBe('{{ "{ticket_id}" }} {% if x %}{{ ticket_id }}{% endif %} {% raw %}{ticket_id}{% endraw %} {%- raw -%}{link_staff}{%- endraw -%}');
  });

  it('when a template is built to make a lazy scan quadratic, then reading it still takes under a second (a lazy regex took seconds)', () => {
    for (const source of ['{{'.repeat(32_000), '{% raw %}'.repeat(7_000), '{%'.repeat(32_000), '{a'.repeat(32_000)]) {
      const started = performance.now();
      singleBraceNames(source);
      expandSingleBraceTags(`${source}x`);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
