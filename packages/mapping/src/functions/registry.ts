import { conversionFunctions } from './conversion.js';
import { dateFunctions } from './date.js';
import { logicFunctions } from './logic.js';
import { lookupFunctions } from './lookup.js';
import { numberFunctions } from './number.js';
import { sequenceFunctions } from './sequence.js';
import { stringFunctions } from './string.js';
import type { FunctionDef, FunctionInfo } from './types.js';

const all: FunctionDef[] = [
  ...stringFunctions,
  ...numberFunctions,
  ...dateFunctions,
  ...logicFunctions,
  ...lookupFunctions,
  ...sequenceFunctions,
  ...conversionFunctions,
];

/** The built-in functions by id. */
export const builtinFunctions: ReadonlyMap<string, FunctionDef> = new Map(all.map((f) => [f.id, f]));

/** Every built-in function without its implementation, for the function panel. */
export function listFunctions(): FunctionInfo[] {
  return all.map(({ impl: _impl, ...info }) => info);
}

/** A built-in function by id, or undefined. */
export function getFunction(id: string): FunctionDef | undefined {
  return builtinFunctions.get(id);
}

/** How many inputs a function takes: [min, max] (max Infinity when variadic). */
export function arity(def: FunctionDef): [number, number] {
  const min = def.inputs.filter((i) => !i.optional && !i.variadic).length;
  return [min, def.inputs.some((i) => i.variadic) ? Number.POSITIVE_INFINITY : def.inputs.length];
}
