import { readFileSync } from 'node:fs';
import {
  ConcurrencyError,
  createFnoClient,
  type FnoClient,
  UncertainOutcomeError,
} from '@flowline/d365-connector';
import type { Sandbox } from '@flowline/d365-sandbox';

/** What the competing editor writes into OrganizationName: the name it read, prefixed. */
export const EDITOR_MARK = 'C:';

/** How one of the editor's changes ended. */
export type EditResult = 'wrote' | 'lost' | 'uncertain' | 'error';

/**
 * A second client of the same F&O (another integration, a person in the F&O client): reads a
 * customer with its ETag and renames it on that ETag (If-Match), through the real connector, so it
 * meets the same injected faults as the process.
 */
export class CompetingEditor {
  readonly results = new Map<string, EditResult>();
  private readonly client: FnoClient;
  private metadata: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly claimed = new Set<string>();

  constructor(
    sandbox: Sandbox,
    private readonly company: string,
  ) {
    const authority = sandbox.authority;
    this.client = createFnoClient({
      url: sandbox.url,
      auth: {
        tenantId: sandbox.tenant,
        clientId: sandbox.clients.registered.clientId,
        clientSecret: sandbox.clients.registered.secret,
        authorityHost: authority.slice(0, authority.lastIndexOf('/')),
      },
      http: { ca: readFileSync(sandbox.caCertPath!) },
      // Retry-After still wins; short backoffs otherwise, so edits land while the process runs.
      retry: { baseDelayMs: 50, maxDelayMs: 500 },
    });
  }

  /** Reads `$metadata` (keys of tracked records come from it), once; call it early so edits start at once. */
  ready(): Promise<void> {
    this.metadata ??= this.client.metadata().then(() => undefined);
    return this.metadata;
  }

  /** Starts renaming each account once (read, then update on the ETag read), without waiting. */
  start(accounts: string[]): void {
    const p = this.edit(accounts).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Waits for every edit started. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Renames each account once (read, then update on the ETag read), `parallel` at a time. */
  async edit(accounts: string[], parallel = 8): Promise<void> {
    // Claimed at once, so overlapping calls never edit an account twice.
    const todo = accounts.filter((a) => !this.claimed.has(a));
    for (const a of todo) this.claimed.add(a);
    await this.ready();
    let next = 0;
    const lane = async () => {
      while (next < todo.length) {
        const account = todo[next++]!;
        this.results.set(account, await this.editOne(account));
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
  }

  private async editOne(account: string): Promise<EditResult> {
    const key = { dataAreaId: this.company, CustomerAccount: account };
    try {
      const record = await this.client.get<{ OrganizationName: string }>('CustomersV3', key, {
        select: ['dataAreaId', 'CustomerAccount', 'OrganizationName'],
      });
      await this.client.update('CustomersV3', record, {
        OrganizationName: `${EDITOR_MARK}${record.data.OrganizationName}`,
      });
      return 'wrote';
    } catch (e) {
      if (e instanceof ConcurrencyError) return 'lost';
      if (e instanceof UncertainOutcomeError) return 'uncertain';
      return 'error';
    }
  }

  /** Counts of results by kind. */
  counts(): Record<EditResult, number> {
    const out = { wrote: 0, lost: 0, uncertain: 0, error: 0 };
    for (const r of this.results.values()) out[r]++;
    return out;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
