import type { Child } from '../lib/rpc';
import type { StoreTarget } from '../lib/deskhooks';
import type { Sizes } from '../lib/options';

export interface ReceiverInfo {
  url: string;
  port: number;
}

export interface ReceiverStats {
  count: number;
  unsigned: number;
  firstMs: number;
  lastMs: number;
}

/** What every deskhooks scenario gets: the store to run on, the shared receiver, the sizes. */
export interface ScenarioContext {
  target: StoreTarget;
  receiver: Child<ReceiverInfo>;
  sizes: Sizes;
  cpuProfDir: string | null;
  logLevel: string;
  log(message: string): void;
}
