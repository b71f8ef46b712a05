import type { ComponentSummary } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { eachOf } from './bulk-actions.js';

const component = (name: string) => ({ id: name, name }) as ComponentSummary;

describe('eachOf', () => {
  it('goes round again while a round makes progress: a map deleted first frees its operation', async () => {
    const deleted = new Set<string>();
    const usedBy: Record<string, string> = { operation: 'map', connection: 'operation' };
    const remove = async (c: ComponentSummary) => {
      const user = usedBy[c.name];
      if (user && !deleted.has(user)) throw new Error(`"${c.name}" is used by "${user}"`);
      deleted.add(c.name);
    };
    const outcome = await eachOf(['connection', 'operation', 'map'].map(component), remove, 3);
    expect(outcome).toEqual({ done: ['map', 'operation', 'connection'], failed: [] });
  });

  it('stops when a round changes nothing, naming each that failed and why', async () => {
    const outcome = await eachOf(
      ['kept', 'gone'].map(component),
      async (c) => {
        if (c.name === 'kept') throw new Error('in use');
      },
      5,
    );
    expect(outcome).toEqual({ done: ['gone'], failed: [{ id: 'kept', name: 'kept', message: 'in use' }] });
  });
});
