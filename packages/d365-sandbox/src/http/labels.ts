import { fieldLabel, type Model } from '../catalogue/model.js';
import { notFound } from '../odata/errors.js';
import { JSON_HEADERS } from '../odata/serialize.js';
import { errorResponse } from './odata-router.js';
import type { CallerContext, SimpleResponse } from './types.js';

const texts = new WeakMap<Model, Map<string, string>>();

/**
 * The text of every label id the `$metadata` names: a field's label reads as its name in words
 * ("Customer group"), as the sandbox's Infolog messages call it; an enum's, as the enum's name.
 */
function labelTexts(model: Model): Map<string, string> {
  let map = texts.get(model);
  if (!map) {
    map = new Map();
    for (const e of model.entities)
      for (const p of e.props) if (!map.has(`@SYS${p.lb}`)) map.set(`@SYS${p.lb}`, fieldLabel(p.n));
    for (const e of model.enums.values())
      if (!map.has(`@SYS${e.lb}`)) map.set(`@SYS${e.lb}`, fieldLabel(e.name));
    texts.set(model, map);
  }
  return map;
}

/**
 * F&O's REST metadata service at `/Metadata`, the one resource Flowline reads:
 * `Labels(Id='@SYS…',Language='en-us')` answers `{Id, Language, Value}` (every language gets the
 * sandbox's one text).
 */
export function routeMetadataService(model: Model, path: string, ctx: CallerContext): SimpleResponse {
  try {
    return label(model, path, ctx);
  } catch (err) {
    return errorResponse(err);
  }
}

function label(model: Model, path: string, ctx: CallerContext): SimpleResponse {
  const m = /^\/Metadata\/Labels\(Id='((?:[^']|'')*)',Language='([^']*)'\)$/.exec(decodeURIComponent(path));
  if (!m) throw notFound(`No HTTP resource was found that matches the request URI '${ctx.base}${path}'.`);
  const id = m[1]!.replace(/''/g, "'");
  const language = m[2]!;
  const value = labelTexts(model).get(id);
  if (value === undefined) throw notFound(`No label ${id} in language ${language}.`);
  return {
    status: 200,
    headers: { ...JSON_HEADERS },
    body: JSON.stringify({
      '@odata.context': `${ctx.base}/Metadata/$metadata#Labels/$entity`,
      Id: id,
      Language: language,
      Value: value,
    }),
  };
}
