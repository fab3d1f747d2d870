/**
 * Stops what a Node entry point started, in reverse order, once, on SIGINT/SIGTERM or on a fatal
 * error, so a local Meilisearch is never left running without its parent.
 */
import { setMaxListeners } from 'node:events';

export class Lifecycle {
  readonly #stops: Array<() => Promise<void> | void> = [];
  readonly controller = new AbortController();
  #stopping: Promise<void> | null = null;

  constructor() {
    // Every in-flight request listens to this signal; hundreds at once are expected, not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  onStop(stop: () => Promise<void> | void): void {
    this.#stops.push(stop);
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.controller.abort();
      for (const stop of this.#stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          console.error('Error while stopping:', error instanceof Error ? error.message : error);
        }
      }
    })();
    return this.#stopping;
  }

  handleSignals(log: (line: string) => void): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log(`${signal} received: shutting down`);
        void this.stop().then(() => process.exit(0));
      });
    }
  }
}

export function logLine(line: string): void {
  console.log(`[${new Date().toISOString()}] ${line}`);
}
