import type { ProfileField } from '@flowline/contracts';
import { coerce } from './convert.js';
import { digitsOf } from './decimal.js';
import { show } from './errors.js';
import { compatibility, type ValueType } from './kinds.js';
import type { ValidationIssue } from './validate-types.js';

type Issue = Omit<ValidationIssue, 'ruleId' | 'target'>;

/** Checks a constant (or default) against the target field: convertible, enum member, length, digits. */
export function checkConstant(value: unknown, field: ProfileField, what: string): Issue[] {
  if (value === null || value === undefined) return [];
  let v: unknown;
  try {
    v = coerce(value, field.kind, field);
  } catch (e) {
    const code = field.kind === 'enum' ? 'enum-value' : 'invalid-constant';
    const extra =
      field.kind === 'enum' ? ` (members: ${field.enumMembers?.map((m) => m.name).join(', ')})` : '';
    return [
      {
        severity: 'error',
        code,
        message: `${what} ${show(value)} does not fit ${field.edmType}: ${(e as Error).message}${extra}`,
      },
    ];
  }
  const out: Issue[] = [];
  if (
    typeof v === 'string' &&
    field.kind === 'string' &&
    field.maxLength !== undefined &&
    v.length > field.maxLength
  ) {
    out.push({
      severity: 'error',
      code: 'max-length',
      message: `${what} is ${v.length} characters long; the target allows ${field.maxLength}`,
    });
  }
  if (field.kind === 'decimal' && (field.precision !== undefined || field.scale !== undefined)) {
    const d = digitsOf(v);
    const msg = decimalProblem(d, field);
    if (msg)
      out.push({ severity: 'error', code: 'decimal-precision', message: `${what} ${show(value)} ${msg}` });
  }
  return out;
}

function decimalProblem(d: { precision: number; scale: number }, field: ProfileField): string | undefined {
  const scale = field.scale ?? 0;
  const intDigits = field.precision === undefined ? Number.POSITIVE_INFINITY : field.precision - scale;
  if (field.scale !== undefined && d.scale > scale)
    return `has ${d.scale} decimals; the target allows ${scale}`;
  if (d.precision - d.scale > intDigits)
    return `has ${d.precision - d.scale} integer digits; the target allows ${intDigits}`;
  return undefined;
}

/** Checks a source field feeding a target field: kinds, enum members, max length, precision/scale. */
export function checkFieldToField(src: ProfileField, tgt: ProfileField, path: string): Issue[] {
  const out: Issue[] = [...checkTypes(src.kind, tgt, `source '${path}' (${src.edmType})`)];
  if (src.kind === 'enum' && tgt.kind === 'enum' && src.edmType !== tgt.edmType) {
    const names = new Set(tgt.enumMembers?.map((m) => m.name));
    const missing = (src.enumMembers ?? []).filter((m) => !names.has(m.name)).map((m) => m.name);
    if (missing.length > 0) {
      out.push({
        severity: 'warning',
        code: 'enum-value',
        message: `members ${missing.join(', ')} of ${src.edmType} are not members of ${tgt.edmType}`,
      });
    }
  }
  if (
    tgt.kind === 'string' &&
    tgt.maxLength !== undefined &&
    src.maxLength !== undefined &&
    src.maxLength > tgt.maxLength
  ) {
    out.push({
      severity: 'warning',
      code: 'max-length',
      message: `source '${path}' allows ${src.maxLength} characters; the target allows ${tgt.maxLength}`,
    });
  }
  if (src.kind === 'decimal' && tgt.kind === 'decimal' && src.precision !== undefined) {
    const msg = decimalProblem({ precision: src.precision, scale: src.scale ?? 0 }, tgt);
    if (msg) {
      out.push({
        severity: 'warning',
        code: 'decimal-precision',
        message: `source '${path}' Decimal(${src.precision},${src.scale ?? 0}) may not fit: it ${msg.replace('has', 'can have')}`,
      });
    }
  }
  return out;
}

/** Checks a value type against a target field kind: none is an error, a conversion a warning. */
export function checkTypes(from: ValueType, tgt: ProfileField, what: string): Issue[] {
  const c = compatibility(from, tgt.kind);
  if (c === 'same') return [];
  if (c === 'conversion') {
    return [{ severity: 'warning', code: 'conversion', message: `${what} is converted to ${tgt.edmType}` }];
  }
  return [
    {
      severity: 'error',
      code: 'incompatible-type',
      message: `${what} cannot be converted to ${tgt.edmType}`,
    },
  ];
}
