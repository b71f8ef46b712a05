import apg from 'apg-js';
import { readShared } from './shared-data.js';

const { apgApi, apgLib } = apg;

/** The OASIS OData 4.01 ABNF plus its aggregation and temporal extensions, compiled once per test file. */
function compileGrammar() {
  const files = [
    'odata-abnf-construction-rules.txt',
    'odata-aggregation-abnf.txt',
    'odata-temporal-abnf.txt',
  ];
  const api = new apgApi(files.map((f) => readShared(`odata-abnf/${f}`).toString('utf8')).join('\n'));
  api.generate();
  if (api.errors.length > 0) throw new Error(`OData ABNF does not compile:\n${api.errorsToAscii()}`);
  return api.toObject();
}

let grammar: ReturnType<typeof compileGrammar> | undefined;

/** The compiled grammar. */
export function odataGrammar() {
  grammar ??= compileGrammar();
  return grammar;
}

export interface AbnfResult {
  success: boolean;
  /** Characters matched before the parser gave up. */
  maxMatched: number;
}

/**
 * Parses the input with the given start rule. `constraints` limits model-dependent rules (entity sets,
 * properties...) to the listed phrases, as the OASIS test tool does.
 */
export function parseAbnf(rule: string, input: string, constraints?: Record<string, string[]>): AbnfResult {
  const g = odataGrammar();
  const parser = new apgLib.parser();
  if (constraints) {
    for (const name of Object.keys(constraints)) {
      const r = g.rules.find((x) => x.name === name);
      if (!r) continue;
      const allowed = constraints[name]!;
      parser.callbacks[r.lower] = (result, chars, phraseIndex) => {
        if (result.state !== apgLib.ids.MATCH) return;
        if (!allowed.includes(apgLib.utils.charsToString(chars, phraseIndex, result.phraseLength))) {
          result.state = apgLib.ids.NOMATCH;
          result.phraseLength = 0;
        }
      };
    }
  }
  const r = parser.parse(g, rule, apgLib.utils.stringToChars(input));
  return { success: r.success, maxMatched: r.maxMatched };
}

const NO_OPERATIONS = [
  'action',
  'actionImport',
  'complexColFunction',
  'complexColFunctionImport',
  'complexFunction',
  'complexFunctionImport',
  'entityColFunction',
  'entityColFunctionImport',
  'entityFunction',
  'entityFunctionImport',
  'primitiveColFunction',
  'primitiveColFunctionImport',
  'primitiveFunction',
  'streamProperty',
  'entityTypeName',
  'complexTypeName',
  'complexColProperty',
];

/**
 * What the model tells the grammar, as the OASIS Constraints do: the grammar is an ordered-choice (PEG)
 * parser, so without them `Ns.NoYes'Yes'` would first be read as a function or cast and fail.
 */
export function modelConstraints(model: {
  namespaceParts: string[];
  enumTypes: string[];
  navigations: string[];
  collectionNavigations: string[];
  complexProperties?: string[];
}): Record<string, string[]> {
  const constraints: Record<string, string[]> = Object.fromEntries(NO_OPERATIONS.map((r) => [r, []]));
  constraints.namespacePart = model.namespaceParts;
  constraints.enumerationTypeName = model.enumTypes;
  constraints.entityNavigationProperty = model.navigations;
  constraints.entityColNavigationProperty = model.collectionNavigations;
  constraints.complexProperty = model.complexProperties ?? [];
  return constraints;
}

/** The F&O fixture's model, plus the navigations used in the query tests. */
export const FNO_CONSTRAINTS = modelConstraints({
  namespaceParts: ['Microsoft', 'Dynamics', 'DataEntities'],
  enumTypes: ['NoYes'],
  navigations: ['CustomerGroup', 'Customer'],
  collectionNavigations: ['Customers', 'SalesOrderLines'],
  complexProperties: ['Address'],
});

/** Whether the URL is an `odataUri` by the OASIS grammar; returns where it stopped matching otherwise. */
export function checkODataUrl(
  url: string,
  constraints: Record<string, string[]> = FNO_CONSTRAINTS,
): AbnfResult {
  return parseAbnf('odataUri', url, constraints);
}
