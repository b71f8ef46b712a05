import { qualifyName } from './csdl-annotations.js';

/**
 * Type references qualified as they are read (`graph.user` becomes `microsoft.graph.user`), with the
 * aliases and namespaces declared so far, instead of a pass over every property, parameter and set
 * afterwards: those objects have a dozen shapes, so each read and write there went through V8's
 * slowest property access (1.5 ms of a Microsoft Graph parse).
 */
export class TypeNames {
  /** Names whose prefix was a known alias or namespace when first read, qualified. */
  private readonly qualified = new Map<string, string>();
  /** Namespaces declared so far (schemas and included references). */
  private readonly namespaces = new Set<string>();
  /**
   * Objects holding a name read while its prefix was declared nowhere yet (a schema referring to a
   * later schema by its alias), and the field holding it: qualified again once the document is read.
   */
  private readonly pending: [Record<string, unknown>, string][] = [];
  /** Whether the name last read had a prefix declared nowhere yet (see `keep`). */
  private unknown = false;

  /** The name last found in `qualified`, and what it became. */
  private lastName = '';
  private lastResult = '';

  constructor(private readonly aliases: Map<string, string>) {}

  declare(namespace: string, alias: string | undefined): void {
    this.namespaces.add(namespace);
    if (alias) this.aliases.set(alias, namespace);
  }

  /** `name` qualified with what is declared so far; the object it goes into is then given to `keep`. */
  read(name: string): string {
    // `Edm` is reserved (no alias may take it): the most common types need no lookup.
    if (
      name.charCodeAt(3) === 46 &&
      name.charCodeAt(0) === 69 &&
      name.charCodeAt(1) === 100 &&
      name.charCodeAt(2) === 109
    )
      return name;
    // Consecutive references repeat a type often enough (a third of Graph's) for one remembered pair.
    if (name === this.lastName) return this.lastResult;
    const known = this.qualified.get(name);
    if (known !== undefined) {
      this.lastName = name;
      this.lastResult = known;
      return known;
    }
    const dot = name.lastIndexOf('.');
    if (dot < 0) return name;
    const prefix = name.slice(0, dot);
    const namespace = this.aliases.get(prefix);
    let result: string;
    if (namespace !== undefined) result = `${namespace}${name.slice(dot)}`;
    else if (this.namespaces.has(prefix)) result = name;
    else {
      this.unknown = true;
      return name;
    }
    this.qualified.set(name, result);
    return result;
  }

  /** Called with the object and field a name just read went into: kept if it may need qualifying. */
  keep<T extends object>(holder: T, field: keyof T & string): void {
    if (!this.unknown) return;
    this.unknown = false;
    this.pending.push([holder as Record<string, unknown>, field]);
  }

  /** Qualifies the names that were read before their prefix was declared. */
  finish(): void {
    for (const [holder, field] of this.pending)
      holder[field] = qualifyName(holder[field] as string, this.aliases);
  }
}
