import type { Annotations } from '../metadata/model.js';
import { own } from '../metadata/own.js';
import type { FieldKind } from './profile-types.js';

const FNO = 'Microsoft.Dynamics.OData.Core.V1.';
const CORE = 'Org.OData.Core.V1.';
const SAP_COMMON = 'com.sap.vocabularies.Common.v1.';

const EDM_KINDS: Record<string, FieldKind> = {
  'Edm.String': 'string',
  'Edm.Byte': 'integer',
  'Edm.SByte': 'integer',
  'Edm.Int16': 'integer',
  'Edm.Int32': 'integer',
  'Edm.Int64': 'int64',
  'Edm.Decimal': 'decimal',
  'Edm.Double': 'number',
  'Edm.Single': 'number',
  'Edm.Boolean': 'boolean',
  'Edm.DateTimeOffset': 'datetime',
  'Edm.DateTime': 'datetime',
  'Edm.Date': 'date',
  'Edm.TimeOfDay': 'time',
  'Edm.Duration': 'time',
  'Edm.Time': 'time',
  'Edm.Guid': 'guid',
  'Edm.Binary': 'binary',
  'Edm.Stream': 'binary',
};

/** The field kind of a primitive Edm type (`other` for geography, untyped and unknown types). */
export function primitiveKind(edmType: string): FieldKind {
  return own(EDM_KINDS, edmType) ?? 'other';
}

/** The label of an element: F&O's LabelId first, then Core.Description, then SAP's Common.Label. */
export function labelOf(annotations: Annotations | undefined): string | undefined {
  if (!annotations) return undefined;
  for (const term of [`${FNO}LabelId`, `${CORE}Description`, `${SAP_COMMON}Label`]) {
    const value = own(annotations, term);
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Whether the service computes the value or forbids writing it. */
export function isReadOnly(annotations: Annotations | undefined): boolean {
  if (!annotations) return false;
  if (annotations[`${CORE}Computed`] === true || annotations[`${FNO}IsReadOnly`] === true) return true;
  if (annotations[`${CORE}Permissions`] === 'Read') return true;
  // F&O: not editable, not even on create.
  return annotations[`${FNO}AllowEdit`] === false && annotations[`${FNO}AllowEditOnCreate`] !== true;
}

/** Whether the service requires a value on create. */
export function isMandatory(annotations: Annotations | undefined): boolean {
  if (!annotations) return false;
  if (annotations[`${FNO}IsRequired`] === true) return true;
  const control = annotations[`${SAP_COMMON}FieldControl`];
  return control === 'Mandatory';
}
