import { type Entity, type Model, NS } from '../catalogue/model.js';
import { entityTypeXml } from './csdl.js';

/** Size a real tenant's $metadata reaches (FNO-ODATA.md §1: 5–50 MB). */
export const FULL_MIN_BYTES = 25 * 1024 * 1024;
export const FULL_MIN_TYPES = 4000;

/**
 * Generated entity types (clones of real ones under new names, as ISV and module variants look) until
 * the document reaches the size and type count of a real environment. Deterministic.
 */
export function fullSizeExtras(
  model: Model,
  baseBytes: number,
): { types: string[]; sets: string[]; entities: Entity[] } {
  const entities: Entity[] = [];
  const types: string[] = [];
  const sets: string[] = [];
  const real = model.entities.filter((e) => e.props.length >= 10);
  let bytes = baseBytes;
  let count = model.entities.length;
  for (let i = 0; bytes < FULL_MIN_BYTES || count < FULL_MIN_TYPES; i++) {
    const src = real[i % real.length] as Entity;
    const variant = Math.floor(i / real.length) + 1;
    const type = `${src.type}Ext${variant}`;
    const set = `${src.set}Ext${variant}`;
    // Each variant gets its own extension fields, like extensions add to real entities.
    const extension = Array.from({ length: 12 }, (_, j) => ({
      n: `Ext${variant}Field${j + 1}`,
      t: j % 3 === 0 ? ('Decimal' as const) : ('String' as const),
      l: 60,
      lb: 900000 + j,
    }));
    const props = [...src.props, ...extension];
    const entity: Entity = {
      ...src,
      type,
      set,
      navs: [],
      actions: [],
      props,
      propMap: new Map(props.map((p) => [p.n, p])),
    };
    delete entity.seq;
    entities.push(entity);
    const xml = entityTypeXml(entity);
    const setXml = `<EntitySet Name="${set}" EntityType="${NS}.${type}" />\n`;
    types.push(xml);
    sets.push(setXml);
    bytes += Buffer.byteLength(xml) + Buffer.byteLength(setXml);
    count++;
  }
  return { types, sets, entities };
}
