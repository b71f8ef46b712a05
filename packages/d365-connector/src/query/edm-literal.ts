import { QueryBuildError } from './query-error.js';
import { isQualifiedName } from './url-encoding.js';

/** A value with an explicit Edm type, for literals a JS value cannot express unambiguously. */
export interface TypedValue {
  readonly $edm: string;
  readonly value: string;
  /** Qualified enum type, for `$edm: 'enum'`. */
  readonly enumType?: string;
}

/** A value a filter or key may compare with. */
export type LiteralValue = string | number | bigint | boolean | null | Date | TypedValue;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DECIMAL = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Builders of typed literals: `edm.guid('…')`, `edm.decimal('10.50')`, `edm.enumMember('Ns.NoYes', 'Yes')`… */
export const edm = {
  guid: (value: string): TypedValue => ({ $edm: 'Edm.Guid', value }),
  decimal: (value: string | number): TypedValue => ({ $edm: 'Edm.Decimal', value: String(value) }),
  int64: (value: bigint | string | number): TypedValue => ({ $edm: 'Edm.Int64', value: String(value) }),
  date: (value: string | Date): TypedValue => ({
    $edm: 'Edm.Date',
    value: value instanceof Date ? value.toISOString().slice(0, 10) : value,
  }),
  dateTimeOffset: (value: string | Date): TypedValue => ({
    $edm: 'Edm.DateTimeOffset',
    value: value instanceof Date ? value.toISOString() : value,
  }),
  timeOfDay: (value: string): TypedValue => ({ $edm: 'Edm.TimeOfDay', value }),
  duration: (value: string): TypedValue => ({ $edm: 'Edm.Duration', value }),
  binary: (value: Uint8Array): TypedValue => ({
    $edm: 'Edm.Binary',
    value: Buffer.from(value).toString('base64url'),
  }),
  enumMember: (enumType: string, member: string): TypedValue => ({ $edm: 'enum', enumType, value: member }),
};

/** Whether a value is a TypedValue made by `edm.*`. */
export function isTypedValue(value: unknown): value is TypedValue {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && '$edm' in value;
}

/** The Edm type a field's literal is written as; `enumType` when the field is an enum. */
export interface LiteralType {
  edmType: string;
  enumType?: string;
}

/**
 * Encodes a value as an OData literal (not yet percent-encoded). `type` comes from the profile when known;
 * typed values carry their own. Strings double their quotes; Int64 and Decimal stay exact.
 */
export function encodeLiteral(value: LiteralValue, type: LiteralType | undefined, path = ''): string {
  if (value === null) return 'null';
  if (isTypedValue(value)) {
    return encodeAs(value.$edm === 'enum' ? 'enum' : value.$edm, value.value, value.enumType, path);
  }
  const edmType = type?.enumType ? 'enum' : type?.edmType;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new QueryBuildError(`Invalid Date for ${path}`, path);
    return edmType === 'Edm.Date' ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint')
    return encodeAs(edmType ?? 'Edm.Int64', value.toString(), type?.enumType, path);
  if (typeof value === 'number') {
    if (edmType === 'Edm.Double' || edmType === 'Edm.Single' || edmType === undefined)
      return encodeNumber(value, path);
    return encodeAs(edmType, numberText(value, path), type?.enumType, path);
  }
  return encodeAs(edmType ?? 'Edm.String', value, type?.enumType, path);
}

function encodeNumber(value: number, path: string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'INF';
  if (value === Number.NEGATIVE_INFINITY) return '-INF';
  // Past 2^53 an integral JS number is a double already: write it as one.
  return Number.isSafeInteger(value) || !Number.isInteger(value)
    ? numberText(value, path)
    : value.toExponential().replace('e+', 'e');
}

function numberText(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new QueryBuildError(`${value} is not a finite number for ${path}`, path);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new QueryBuildError(`${value} is beyond 2^53 for ${path}: pass a bigint or a string`, path);
  }
  return String(value).replace('e+', 'e');
}

function check(ok: boolean, text: string, what: string, path: string): string {
  if (!ok)
    throw new QueryBuildError(
      `${JSON.stringify(text)} is not a valid ${what} literal for ${path || 'the value'}`,
      path,
    );
  return text;
}

/** Text a URL can carry: a lone surrogate has no UTF-8 form, so it would reach the service changed. */
function wellFormed(text: string, path: string): string {
  const lone = /\p{Surrogate}/u.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new QueryBuildError(
      `The value for ${path || 'the key'} has a lone surrogate (U+${code}) at ${lone.index}: no URL can carry it`,
      path,
    );
  }
  return text;
}

function encodeAs(edmType: string, text: string, enumType: string | undefined, path: string): string {
  switch (edmType) {
    case 'Edm.String':
      return `'${wellFormed(text, path).replaceAll("'", "''")}'`;
    case 'Edm.Guid':
      return check(GUID.test(text), text, 'Edm.Guid', path);
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
      return check(INTEGER.test(text), text, edmType, path);
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single':
      return check(DECIMAL.test(text) || /^-?INF$|^NaN$/.test(text), text, edmType, path);
    case 'Edm.Boolean':
      return check(text === 'true' || text === 'false', text, edmType, path);
    case 'Edm.Date':
      return check(DATE.test(text), text, edmType, path);
    case 'Edm.DateTimeOffset':
      return check(DATE_TIME_OFFSET.test(text), text, edmType, path);
    case 'Edm.TimeOfDay':
      return check(TIME_OF_DAY.test(text), text, edmType, path);
    case 'Edm.Duration':
      return `duration'${check(DURATION.test(text), text, edmType, path)}'`;
    case 'Edm.Binary':
      return `binary'${check(/^[A-Za-z0-9_-]*={0,2}$/.test(text), text, edmType, path)}'`;
    case 'enum':
      if (!enumType || !isQualifiedName(enumType)) {
        throw new QueryBuildError(`Enum literal for ${path} needs a qualified enum type`, path);
      }
      return `${enumType}'${wellFormed(text, path).replaceAll("'", "''")}'`;
    default:
      throw new QueryBuildError(`Cannot write a literal of type ${edmType} for ${path}`, path);
  }
}
