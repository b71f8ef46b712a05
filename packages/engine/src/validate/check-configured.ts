import type { Shape, ValueSource } from '@flowline/contracts';

/** What a shape still needs before it can run, as sentences naming the missing part; [] when configured. */
export function missingConfiguration(shape: Shape): string[] {
  const missing: string[] = [];
  switch (shape.kind) {
    case 'start':
      if (shape.config.mode === 'operation') {
        if (!shape.config.connectionId) missing.push('Choose a connection for the start operation.');
        if (!shape.config.operationId) missing.push('Choose an operation for the start shape.');
      }
      break;
    case 'connector':
      if (!shape.config.connectionId) missing.push('Choose a connection.');
      if (!shape.config.operationId) missing.push('Choose an operation.');
      break;
    case 'map':
      if (!shape.config.mapId) missing.push('Choose a map.');
      break;
    case 'decision': {
      const { left, operator, right } = shape.config;
      if (!left) missing.push('Choose the value to compare (left).');
      if (!operator) missing.push('Choose an operator.');
      else if (operator !== 'empty' && !right)
        missing.push(`The operator "${operator}" needs a value to compare with (right).`);
      if (operator === 'regex' && right?.type === 'constant') {
        const problem = regexProblem(right);
        if (problem) missing.push(problem);
      }
      break;
    }
    case 'setProperties':
      if (shape.config.assignments.length === 0) missing.push('Add at least one property to set.');
      break;
    case 'message':
      if (shape.config.template.trim() === '') missing.push('Write the message template.');
      break;
    default:
      break;
  }
  return missing;
}

function regexProblem(right: Extract<ValueSource, { type: 'constant' }>): string | undefined {
  try {
    new RegExp(String(right.value));
    return undefined;
  } catch (e) {
    return `The regular expression is not valid: ${e instanceof Error ? e.message : String(e)}`;
  }
}
