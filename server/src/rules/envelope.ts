/**
 * The envelope: what a hook in the `envelope` format receives, and what GET /v1/events lists. One
 * function for the API and the delivery engine, so what is listed is what is delivered.
 */
import type { EventRecord } from '../store/store';

/** The delivered body (format `envelope`), and what GET /v1/events returns. */
export interface Envelope {
  id: string;
  type: string;
  /** ISO 8601, UTC (`Z`). */
  timestamp: string;
  data: Record<string, unknown>;
  brand?: string;
  test?: true;
}

export function toEnvelope(event: EventRecord): Envelope {
  const envelope: Envelope = {
    id: event.id,
    type: event.type,
    timestamp: new Date(event.timestamp).toISOString(),
    data: event.data,
  };
  if (event.brand !== null) envelope.brand = event.brand;
  if (event.test) envelope.test = true;
  return envelope;
}

