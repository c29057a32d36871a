/**
 * In-process wake-ups for agent lookups: when an answer arrives through the callback endpoint on
 * this node, the waiting lookup hears it at once. Answers taken by another node reach the waiter
 * through the store (it polls), so this is a shortcut, never the only path.
 */
import { EventEmitter } from 'node:events';

const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function notifyAgentLookupAnswered(lookupId: string): void {
  emitter.emit(lookupId);
}

/** Calls `listener` when the lookup is answered on this node; returns the unsubscribe function. */
export function onAgentLookupAnswered(lookupId: string, listener: () => void): () => void {
  emitter.on(lookupId, listener);
  return () => emitter.off(lookupId, listener);
}
