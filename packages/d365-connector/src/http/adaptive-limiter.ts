/**
 * Caps requests in flight, adapting like TCP: halved on throttling, raised by one after a run of
 * successes, never above the configured maximum nor below one.
 */
export class AdaptiveLimiter {
  private inFlight = 0;
  private successes = 0;
  private readonly waiting: (() => void)[] = [];
  limit: number;

  constructor(
    readonly max: number,
    /** Successes in a row before the limit goes up by one. */
    private readonly raiseAfter = 20,
  ) {
    this.limit = max;
  }

  /** Waits for a slot; call the returned function when the request is done. */
  async acquire(): Promise<() => void> {
    while (this.inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.wake();
    };
  }

  /** The server throttled: halve the limit. */
  throttled(): void {
    this.successes = 0;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  /** A request succeeded: after enough of them, allow one more in flight. */
  succeeded(): void {
    if (this.limit >= this.max) return;
    if (++this.successes >= this.raiseAfter) {
      this.successes = 0;
      this.limit++;
      this.wake();
    }
  }

  get active(): number {
    return this.inFlight;
  }

  private wake(): void {
    // Waiters re-check the limit themselves, so waking all of them is safe.
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
