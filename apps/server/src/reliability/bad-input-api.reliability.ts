import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../route-table.js';
import { type Client, testApp } from '../test/test-app.js';
import { apiRoutes, fillUrl, isProblem, NOBODY } from './support/api-routes.js';
import { DbWatch } from './support/db-snapshot.js';
import { pathsOf, sampleOf, setPath } from './support/schema-sample.js';

// Section 1 of docs/reliability.md: every API route with a body, params or a query string, fed bad
// input, answers 4xx with a problem document (never 5xx) and writes nothing when it refuses.
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let watch: DbWatch;
const logs: string[] = [];
const figures = { cases: 0, refused: 0, accepted: 0, fiveHundreds: 0, notProblem: 0, dbChanged: 0 };
const failures: string[] = [];

beforeAll(async () => {
  t = await testApp({ logs });
  admin = await t.as('admin');
  watch = await DbWatch.open(t.url);
});
afterAll(async () => {
  console.log(`reliability: api bad input routes: ${routes.length}`);
  console.log(`reliability: api bad input cases: ${figures.cases}`);
  console.log(`reliability: api bad input refused 4xx: ${figures.refused}`);
  console.log(`reliability: api bad input accepted 2xx: ${figures.accepted}`);
  console.log(`reliability: api bad input 5xx: ${figures.fiveHundreds}`);
  console.log(`reliability: api bad input refusals that wrote to the database: ${figures.dbChanged}`);
  await watch.close();
  await t.close();
});

let routes: RegisteredRoute[] = [];

type Schema = Record<string, unknown>;
const schemaOf = (r: RegisteredRoute, part: 'body' | 'params' | 'querystring') =>
  (r.schema as Record<string, Schema | undefined> | undefined)?.[part];

const wrongValues: unknown[] = [
  123,
  -1,
  1e308,
  0.5,
  '',
  ' ',
  'x'.repeat(100_000),
  true,
  null,
  [],
  {},
  [1, 'a', null],
  { set: true },
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '\'; DROP TABLE "Component"; --',
  '\u0000',
  '\ud800',
  '😀'.repeat(1000),
  { __proto__: { admin: true } },
];

/** A JSON text sent as is: nesting too deep for the client's own JSON.stringify. */
class RawJson {
  constructor(readonly text: string) {}
}

/** `levels` of arrays and objects around a leaf, as JSON text. */
const deep = (levels: number, leaf = '1') =>
  new RawJson(`${'[{"a":'.repeat(levels / 2)}${leaf}${'}]'.repeat(levels / 2)}`);

/** The body with its `body` field nested `levels` deep. */
const deepField = (base: unknown, levels: number) => {
  const text = JSON.stringify(setPath(base, ['body'], 0));
  return new RawJson(text.replace(/"body":0/, `"body":${deep(levels).text}`));
};

/** Bodies made from the route's schema: its smallest valid body, then each field wrong, missing or extra. */
function bodies(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const base = sampleOf(schema) ?? {};
  const paths = pathsOf(base);
  return fc.oneof(
    fc
      .record({ path: fc.constantFrom(...paths), value: fc.constantFrom(...wrongValues) })
      .map(({ path, value }) => setPath(base, path, value)),
    fc
      .constantFrom([] as string[], ...paths.filter((p) => p.length > 0))
      .map((path) => (path.length ? setPath(base, path, undefined) : undefined)),
    fc
      .record({
        path: fc.constantFrom(...paths),
        key: fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', '$where', ''),
        value: fc.jsonValue({ maxDepth: 2 }),
      })
      .map(({ path, key, value }) => setPath(base, [...path, key], value)),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(
      deep(100_000),
      deep(50, '"leaf"'),
      deepField(base, 10_000),
      Array.from({ length: 100_000 }, (_, i) => i),
      setPath(base, ['body'], { shapes: Array.from({ length: 20_000 }, () => ({})) }),
      'x'.repeat(900_000),
      base,
    ),
  );
}

/** Raw payloads: broken bytes, wrong content types, empty bodies. */
const RAW: { what: string; payload: string | Buffer; type?: string }[] = [
  {
    what: 'invalid UTF-8 in a string',
    payload: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    type: 'application/json',
  },
  {
    what: 'overlong UTF-8',
    payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
    type: 'application/json',
  },
  { what: 'UTF-16 JSON', payload: Buffer.from('{"name":"x"}', 'utf16le'), type: 'application/json' },
  { what: 'truncated JSON', payload: '{"name": "x', type: 'application/json' },
  { what: 'empty JSON body', payload: '', type: 'application/json' },
  { what: 'JSON null', payload: 'null', type: 'application/json' },
  { what: 'proto poisoning', payload: '{"__proto__":{"x":1},"name":"x"}', type: 'application/json' },
  {
    what: 'constructor poisoning',
    payload: '{"constructor":{"prototype":{"x":1}}}',
    type: 'application/json',
  },
  { what: 'text/plain', payload: 'name=x', type: 'text/plain' },
  { what: 'form', payload: 'name=x', type: 'application/x-www-form-urlencoded' },
  { what: 'xml', payload: '<name>x</name>', type: 'application/xml' },
  { what: 'multipart', payload: '--b\r\n\r\nx\r\n--b--', type: 'multipart/form-data; boundary=b' },
  { what: 'odd charset', payload: '{"name":"x"}', type: 'application/json; charset=latin1' },
  { what: 'no content type', payload: '{"name":"x"}' },
  {
    what: 'over the size limit',
    payload: JSON.stringify({ name: 'x'.repeat(21 * 1024 * 1024) }),
    type: 'application/json',
  },
];

const paramValues = fc.oneof(
  fc.constantFrom(
    NOBODY,
    'nope',
    '',
    ' ',
    '0',
    '-1',
    '1e9',
    '99999999999999999999',
    '%',
    '%00',
    '..',
    '😀',
    'a'.repeat(500),
    NOBODY.toUpperCase(),
    `${NOBODY}x`,
    'constructor',
    '__proto__',
  ),
  fc.string({ maxLength: 40 }),
);

/** Sends one case; counts it; asserts no 5xx and a problem document on every refusal. */
async function send(label: string, options: InjectOptions): Promise<number> {
  const res = await admin.inject(options);
  figures.cases++;
  if (res.statusCode >= 500) {
    figures.fiveHundreds++;
    failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  } else if (res.statusCode >= 400) {
    figures.refused++;
    if (!isProblem(res)) {
      figures.notProblem++;
      failures.push(`${label}: ${res.statusCode} without a problem document: ${res.body.slice(0, 200)}`);
    }
  } else {
    figures.accepted++;
  }
  return res.statusCode;
}

const label = (r: RegisteredRoute) => `${r.method} ${r.url}`;
// Signing out ends the session the other cases use: it goes last.
const order = (r: RegisteredRoute) => (r.url === '/api/auth/logout' ? 1 : 0);

describe('every API route with a body, params or a query string', () => {
  it('is enumerated from the app', () => {
    routes = apiRoutes(t.app)
      .filter(
        (r) => r.url.includes(':') || schemaOf(r, 'body') || schemaOf(r, 'querystring') || r.method !== 'GET',
      )
      .sort((a, b) => order(a) - order(b));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(label)).toEqual(
      expect.arrayContaining([
        'POST /api/components',
        'PUT /api/components/:id',
        'POST /api/components/import',
      ]),
    );
  });

  it('answers generated bad input with 4xx problem documents, never 5xx, and refusals write nothing', async () => {
    for (const route of routes) {
      const withBody = route.method !== 'GET' && route.method !== 'DELETE';
      const cases = fc.sample(
        fc.record({
          param: paramValues,
          body: bodies(schemaOf(route, 'body')),
          query: fc.dictionary(
            fc.constantFrom(
              ...Object.keys((schemaOf(route, 'querystring')?.properties as object) ?? {}),
              'x',
              'limit',
              'offset',
            ),
            fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '1e309', 'true', '%ZZ', NOBODY, '')),
            { maxKeys: 3 },
          ),
        }),
        { numRuns: withBody ? 40 : 25, seed: 21 },
      );
      let before = await watch.fingerprint();
      for (const c of cases) {
        const url = fillUrl(route.url, (name) =>
          name === 'version' ? String(c.param).slice(0, 12) : c.param,
        );
        const status = await send(label(route), {
          method: route.method as InjectOptions['method'],
          url,
          query: c.query,
          ...(withBody ? { payload: c.body instanceof RawJson ? c.body.text : (c.body as object) } : {}),
          headers: {
            'if-match': `"${NOBODY}.1"`,
            ...(withBody ? { 'content-type': 'application/json' } : {}),
          },
        });
        const after = await watch.fingerprint();
        if (status >= 400 && after !== before) {
          figures.dbChanged++;
          failures.push(`${label(route)}: refused with ${status} but wrote to the database`);
        }
        before = after;
      }
      if (route.url.includes(':')) {
        for (const bad of ['%E0%A4%A', '%', '%ff%fe', 'a'.repeat(5000)]) {
          const status = await send(`${label(route)} param ${bad.slice(0, 12)}`, {
            method: route.method as InjectOptions['method'],
            url: route.url.replace(/:\w+/g, bad),
          });
          if (status < 400) failures.push(`${label(route)}: accepted the parameter ${bad.slice(0, 12)}`);
        }
      }
      if (!withBody) continue;
      let allRefused = true;
      for (const raw of RAW) {
        const url = fillUrl(route.url, () => NOBODY);
        const status = await send(`${label(route)} ${raw.what}`, {
          method: route.method as InjectOptions['method'],
          url,
          payload: raw.payload,
          headers: raw.type ? { 'content-type': raw.type } : {},
        });
        if (raw.what.includes('UTF') && status < 400) failures.push(`${label(route)}: accepted ${raw.what}`);
        allRefused &&= status >= 400;
      }
      const after = await watch.fingerprint();
      if (allRefused && after !== before) {
        figures.dbChanged++;
        failures.push(`${label(route)}: raw payloads were refused but wrote to the database`);
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    expect(figures.fiveHundreds).toBe(0);
    expect(figures.cases).toBeGreaterThan(1000);
  });

  it('left nothing in the log but client errors', () => {
    const errors = logs.filter((l) => /"level":50/.test(l));
    expect(errors.slice(0, 3)).toEqual([]);
  });
});
