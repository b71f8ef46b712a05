import { IdParams } from '@flowline/contracts';
import type { ExecutionEvent } from '@flowline/engine';
import type { FastifyInstance } from 'fastify';
import { roles } from '../auth/access.js';
import type { ExecutionsHost } from './executions-host.js';

const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);
/** The row is polled too, so progress of executions run by another worker process reaches the stream. */
const POLL_MS = 1000;

/** `GET /api/executions/:id/events`: server-sent events with live per-shape counts, ending with `finished`. */
export async function executionEventsRoute(app: FastifyInstance, { host }: { host: ExecutionsHost }) {
  app.get<{ Params: { id: string } }>(
    '/api/executions/:id/events',
    {
      config: { access: roles.read },
      schema: {
        tags: ['executions'],
        summary:
          'Server-sent events: `snapshot` first, then `started`, `progress` (per-shape counts), `documentFailed`, `log`, and `finished` last',
        params: IdParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const first = await host.service.get(id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      let lastCounts = JSON.stringify(first.shapes);
      let closed = false;
      const send = (type: string, data: unknown) => {
        if (!closed) raw.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const end = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(timer);
        raw.end();
      };
      const finish = (status: string, shapes: unknown, error: string | null | undefined) => {
        send('finished', { type: 'finished', executionId: id, status, shapes, ...(error ? { error } : {}) });
        end();
      };
      send('snapshot', { type: 'snapshot', executionId: id, status: first.status, shapes: first.shapes });
      const unsubscribe = host.events.subscribe(id, (event: ExecutionEvent) => {
        if (event.type === 'finished') return finish(event.status, event.shapes, event.error);
        if (event.type === 'progress') lastCounts = JSON.stringify(event.shapes);
        send(event.type, event);
      });
      const timer = setInterval(() => {
        void host.service
          .row(id)
          .then((row) => {
            const counts = JSON.stringify(row.counts);
            if (ENDED.has(row.status)) return finish(row.status, row.counts, row.error);
            if (counts !== lastCounts) {
              lastCounts = counts;
              send('progress', { type: 'progress', executionId: id, shapes: row.counts });
            }
          })
          .catch(() => end());
      }, POLL_MS);
      raw.on('close', end);
      if (ENDED.has(first.status)) finish(first.status, first.shapes, first.error);
    },
  );
}
