export {
  type AutoMapOptions,
  type AutoMapProposal,
  applyProposals,
  type MatchKind,
  proposeRules,
} from './auto-map.js';
export { compileMap, MapCompileError, mapDocuments } from './compile.js';
export type {
  CompiledMap,
  CompileOptions,
  FieldTrace,
  MapContext,
  MapResult,
  RuleError,
  TraceInput,
  TraceStep,
} from './compile-types.js';
export { coerce, FNO_EMPTY_DATE } from './convert.js';
export { MappingError } from './errors.js';
export { arity, builtinFunctions, getFunction, listFunctions } from './functions/registry.js';
export {
  defineFunction,
  type FunctionCategory,
  type FunctionDef,
  type FunctionEnv,
  type FunctionExample,
  type FunctionInfo,
  type FunctionInput,
} from './functions/types.js';
export { type Compatibility, compatibility, type ValueType } from './kinds.js';
export { createMap, MapSchemaError, parseMap } from './model.js';
export { nameSimilarity } from './similarity.js';
export { type MapTestResult, testMap } from './test-map.js';
export { revalidate, type ValidateOptions, validateMap } from './validate.js';
export type { IssueCode, ValidationIssue, ValidationResult } from './validate-types.js';
