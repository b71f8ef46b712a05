import type { Edge, OnError, Position, ProcessDefinition, Shape } from '@flowline/contracts';

/** One typed edit of a process; `applyOperation` applies it (web app undo/redo and server alike). */
export type ProcessOperation =
  | { type: 'addShape'; shape: Shape }
  /** Replaces the shape's configuration (and its error choice, when given). */
  | { type: 'configureShape'; shapeId: string; config: Shape['config']; onError?: OnError }
  | { type: 'renameShape'; shapeId: string; name: string }
  | { type: 'moveShapes'; moves: { shapeId: string; position: Position }[] }
  /** Deletes shapes and every edge touching them. */
  | { type: 'deleteShapes'; shapeIds: string[] }
  /** Adds an edge; its id defaults to `from:handle->to`. */
  | { type: 'connect'; edge: Omit<Edge, 'id'> & { id?: string } }
  | { type: 'disconnect'; edgeId: string }
  /**
   * Pastes copied shapes and the edges between them, moved by `offset`; ids taken already get a
   * `-copy`, `-copy2`… suffix (deterministic, so web and server agree); a copied start becomes invalid
   * only through validation (a second start is a problem, not a refusal).
   */
  | { type: 'paste'; shapes: Shape[]; edges: Edge[]; offset?: Position }
  | {
      type: 'updateProcess';
      changes: Partial<Pick<ProcessDefinition, 'name' | 'description' | 'properties'>>;
    };

/** An operation that cannot apply to this process; the message names the shape, edge or handle. */
export class ProcessOperationError extends Error {
  override name = 'ProcessOperationError';
}
