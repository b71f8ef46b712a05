export { createShape } from './model/create-shape.js';
export {
  createDocument,
  type Document,
  type DocumentError,
  idFromKey,
  readPath,
  type TrackedProperties,
} from './model/document.js';
export { canFail, handlesOf } from './model/handles.js';
export { ProcessSchemaError, parseProcess } from './model/parse-process.js';
export { describeShape, kindLabels, shapeTitle } from './model/shape-title.js';
export { applyOperation, checkEdge, type OperationResult } from './operations/apply-operation.js';
export { type ProcessOperation, ProcessOperationError } from './operations/operation-types.js';
export { ProcessInvalidError } from './runtime/build-handlers.js';
export { compare, isEmpty } from './runtime/compare.js';
export { RunFailedError } from './runtime/context.js';
export { failuresText } from './runtime/failures-text.js';
export type * from './runtime/ports.js';
export { type ExecutionResult, type RunOptions, runProcess, TEST_LIMIT } from './runtime/run-process.js';
export { effectiveIfMatch } from './runtime/shapes/connector-write.js';
export type { InputDocument, InputDocuments } from './runtime/start-source.js';
export { fillTemplate } from './runtime/template.js';
export {
  createMemoryPorts,
  MemoryEvents,
  type MemoryOperation,
  MemoryStorage,
} from './testing/memory-ports.js';
export { checkProcess } from './validate/check-process.js';
export { checkGraph, type Graph, type GraphProblem } from './validate/graph.js';
export type { ProblemCode, ProcessProblem } from './validate/problem.js';
export { validateProcess } from './validate/validate-process.js';
