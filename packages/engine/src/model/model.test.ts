import { checkProcessSchema, type ShapeKind } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { createShape } from './create-shape.js';
import { idFromKey, readPath } from './document.js';
import { handlesOf } from './handles.js';
import { ProcessSchemaError, parseProcess } from './parse-process.js';

const kinds: ShapeKind[] = [
  'start',
  'connector',
  'map',
  'decision',
  'branch',
  'setProperties',
  'message',
  'stop',
];

describe('process model', () => {
  it('creates every kind of shape valid against the schema', () => {
    const shapes = kinds.map((k, i) => createShape(k, `s${i}`));
    expect(checkProcessSchema({ schemaVersion: 1, name: 'all', shapes, edges: [] })).toEqual([]);
    expect(shapes.map((s) => handlesOf(s).join(' '))).toEqual([
      'out',
      'out',
      'out',
      'true false',
      'path-1 path-2',
      'out',
      'out',
      '',
    ]);
  });

  it('parses a stored process and refuses unknown versions and bad bodies by pointer', () => {
    const p = { schemaVersion: 1, name: 'x', shapes: [createShape('start', 's')], edges: [] };
    expect(parseProcess(p)).toBe(p);
    expect(() => parseProcess({ ...p, schemaVersion: 9 })).toThrow(
      /schemaVersion: 9 is not a version this engine knows/,
    );
    const error = (() => {
      try {
        parseProcess({ ...p, edges: [{ id: 'e', from: 's' }] });
      } catch (e) {
        return e as ProcessSchemaError;
      }
    })();
    expect(error).toBeInstanceOf(ProcessSchemaError);
    expect(error?.problems.join(' ')).toMatch(/\/edges\/0/);
  });

  it('reads paths and builds stable ids from keys', () => {
    expect(readPath({ a: { b: [{ c: 1 }] } }, 'a.b.0.c')).toBe(1);
    expect(readPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(idFromKey({ dataAreaId: 'usmf', CustomerAccount: 'US-001' })).toBe(
      'dataAreaId=usmf,CustomerAccount=US-001',
    );
  });
});
