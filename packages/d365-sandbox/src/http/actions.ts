import { randomUUID } from 'node:crypto';
import { type Entity, NS } from '../catalogue/model.js';
import { ACTION_EXCEPTION, badRequest, ODataError } from '../odata/errors.js';
import { JSON_HEADERS } from '../odata/serialize.js';
import type { SandboxState } from '../state.js';
import type { Rec } from '../store/store.js';
import type { CallerContext, SimpleRequest, SimpleResponse } from './types.js';

/** Invokes a bound action by its namespace-qualified name (FNO-ODATA.md §10). */
export function invokeAction(
  state: SandboxState,
  entity: Entity,
  qualified: string,
  rec: Rec | undefined,
  req: SimpleRequest,
  ctx: CallerContext,
): SimpleResponse {
  const name = qualified.startsWith(`${NS}.`) ? qualified.slice(NS.length + 1) : undefined;
  const action = entity.actions?.find((a) => a.n === name && a.collection === !rec);
  if (!name || !action)
    throw new ODataError(
      404,
      `No action '${qualified}' is bound to ${rec ? 'an entity of' : 'the collection'} '${entity.set}'.`,
    );
  if (req.method !== 'POST')
    throw new ODataError(405, `The action '${qualified}' must be invoked with POST.`);
  let params: Record<string, unknown> = {};
  try {
    params = req.body.length > 0 ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    throw badRequest(`The parameters of '${qualified}' are not valid JSON.`);
  }
  for (const k of Object.keys(params)) {
    if (!action.params.some((p) => p.n === k))
      throw badRequest(`The parameter '${k}' is not defined for the action '${qualified}'.`);
  }
  let value: unknown;
  switch (action.n) {
    case 'ExportToPackage':
      value =
        typeof params.executionId === 'string' && params.executionId ? params.executionId : randomUUID();
      break;
    case 'GetExecutionSummaryStatus':
      value = 'Succeeded';
      break;
    case 'CalculateOrderTotal': {
      const lines = state.model.bySet.get('SalesOrderLines')!;
      const so = rec!.values;
      value = state.store
        .table(lines)
        .rows.filter(
          (l) => l.values.SalesOrderNumber === so.SalesOrderNumber && l.values.dataAreaId === so.dataAreaId,
        )
        .reduce((sum, l) => sum + Number(l.values.LineAmount ?? 0), 0);
      break;
    }
    case 'ChangeCustomerGroup': {
      const group = String(params.customerGroupId ?? '');
      const groups = state.model.bySet.get('CustomerGroups')!;
      if (!state.store.find(groups, { dataAreaId: rec!.values.dataAreaId, CustomerGroupId: group })) {
        throw new ODataError(
          500,
          `Customer group '${group}' does not exist in company '${String(rec!.values.dataAreaId)}'.`,
          ACTION_EXCEPTION,
        );
      }
      state.store.update(rec!, { CustomerGroupId: group });
      value = group;
      break;
    }
  }
  const type = action.returns;
  return {
    status: 200,
    headers: { ...JSON_HEADERS },
    body: JSON.stringify({ '@odata.context': `${ctx.base}/data/$metadata#${type}`, value }),
  };
}
