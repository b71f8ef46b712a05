import { EventEmitter } from 'node:events';
import type { EventPort, ExecutionEvent } from '@flowline/engine';

/** In-process relay of engine events to server-sent event streams, by execution id. */
export class ExecutionEventBus implements EventPort {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(event: ExecutionEvent): void {
    this.emitter.emit(event.executionId, event);
  }

  /** Calls `listener` with every event of this execution until the returned function is called. */
  subscribe(executionId: string, listener: (event: ExecutionEvent) => void): () => void {
    this.emitter.on(executionId, listener);
    return () => this.emitter.off(executionId, listener);
  }
}
