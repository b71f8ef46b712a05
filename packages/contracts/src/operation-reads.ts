import type { OperationAction, OperationBody, OperationFilter } from './operation.js';

/**
 * Whether a start shape may offer an operation with this action: one that reads, or one with no
 * action yet (the process's problems then say so). One that writes cannot start a process.
 */
export const canStartProcess = (action: OperationAction | undefined): boolean =>
  action === undefined || action === 'query' || action === 'get';

/** What a read of an operation asks the service for (the connector's query options). */
export interface OperationReads {
  filter?: OperationFilter;
  select?: string[];
  expand?: NonNullable<OperationBody['expand']>;
  orderBy?: NonNullable<OperationBody['orderBy']>;
  top?: number;
  pageSize?: number;
  crossCompany?: boolean;
}

/**
 * The query options of an operation's read, as runs, samples and the request preview send them. A
 * legal entity reads that one company across companies, as F&O needs: `dataAreaId` filtered, with
 * `cross-company=true` (without it, F&O reads the user's default company whatever the filter).
 * `parameters` are a run's own `legalEntity` and `top`, which win over the operation's.
 */
export function operationReads(
  op: OperationBody,
  parameters: { legalEntity?: string; top?: number } = {},
): OperationReads {
  const legalEntity = parameters.legalEntity ?? op.legalEntity;
  let filter = op.filter;
  if (legalEntity) {
    const company: OperationFilter = { op: 'eq', path: 'dataAreaId', value: legalEntity };
    filter = filter ? { op: 'and', args: [filter, company] } : company;
  }
  const top = parameters.top ?? op.top;
  return {
    ...(filter ? { filter } : {}),
    ...fieldsOf(op),
    ...(op.orderBy?.length ? { orderBy: op.orderBy } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(op.pageSize ? { pageSize: op.pageSize } : {}),
    ...(op.crossCompany || legalEntity ? { crossCompany: true } : {}),
  };
}

/** What a `get` of an operation asks for: its fields and navigations; the key names the record. */
export function operationGets(op: OperationBody): Pick<OperationReads, 'select' | 'expand' | 'crossCompany'> {
  return { ...fieldsOf(op), ...(op.crossCompany ? { crossCompany: true } : {}) };
}

const fieldsOf = (op: OperationBody): Pick<OperationReads, 'select' | 'expand'> => ({
  ...(op.select?.length ? { select: op.select } : {}),
  ...(op.expand?.length ? { expand: op.expand } : {}),
});
