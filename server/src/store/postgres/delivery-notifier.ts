import { Client, type ClientConfig } from 'pg';

/**
 * Wakes idle delivery workers on every node when deliveries are committed anywhere: one LISTEN
 * connection per node, and `pg_notify` inside the committing transaction (PostgreSQL sends it only
 * on commit, and folds repeats within one transaction into one).
 *
 * The committing node wakes its own listeners directly after commit, and ignores the echo of its own
 * notification (the payload is the node's tag). Bursts are coalesced: listeners run at most once per
 * turn of the event loop.
 */
export class DeliveryNotifier {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private pending: Client | null = null;
  private connecting = false;
  private closed = false;
  private scheduled = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 0;
  private readyWaiters: Array<() => void> = [];

  constructor(
    private readonly clientConfig: ClientConfig,
    /** Channel name; one per schema, so stores in different schemas never wake each other. */
    readonly channel: string,
    /** Identifies this store instance in notification payloads. */
    readonly tag: string,
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.connecting && !this.reconnectTimer) void this.connect();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Runs the local listeners soon (coalesced). */
  wake(): void {
    if (this.scheduled || this.closed || this.listeners.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.closed) return;
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch {
          // One failing listener must not keep the others asleep.
        }
      }
    });
  }

  /**
   * Resolves once the LISTEN connection is up (starting it if nobody subscribed yet). Until then this
   * node does not hear other nodes' wake-ups; tests wait for it before expecting them.
   */
  whenListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    if (!this.client && !this.connecting && !this.reconnectTimer) void this.connect();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.connecting = true;
    const client = new Client({ ...this.clientConfig, keepAlive: true });
    this.pending = client;
    const lost = () => {
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== this.tag) this.wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(this.channel)}`);
    } catch {
      this.connecting = false;
      this.pending = null;
      client.removeAllListeners('end');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    this.connecting = false;
    this.pending = null;
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelayMs = 0;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    // Notifications sent while this node was not listening are lost: look for work once.
    this.wake();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.connecting) return;
    this.reconnectDelayMs = Math.min(Math.max(this.reconnectDelayMs * 2, 250), 10_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    for (const client of [this.client, this.pending]) {
      if (!client) continue;
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
    this.client = null;
    this.pending = null;
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `deskhooks_deliveries` in `public`, `deskhooks_deliveries:<schema>` elsewhere (63-byte limit). */
export function channelFor(schema: string): string {
  const base = 'deskhooks_deliveries';
  return schema === 'public' ? base : `${base}:${schema}`.slice(0, 63);
}
