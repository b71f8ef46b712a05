/** The slice of apg-js (no bundled types) that the ABNF checker uses. */
declare module 'apg-js' {
  interface ParseResult {
    success: boolean;
    state: number;
    maxMatched: number;
    phraseLength: number;
  }
  interface CallbackResult {
    state: number;
    phraseLength: number;
    ruleIndex: number;
  }
  type RuleCallback = (result: CallbackResult, chars: number[], phraseIndex: number, data: unknown) => void;
  interface Grammar {
    rules: { name: string; lower: string }[];
  }
  class Parser {
    callbacks: Record<string, RuleCallback>;
    parse(grammar: Grammar, startRule: string, chars: number[], data?: unknown): ParseResult;
  }
  class Api {
    constructor(source: string);
    errors: unknown[];
    generate(): void;
    errorsToAscii(): string;
    toObject(): Grammar;
  }
  const apg: {
    apgApi: typeof Api;
    apgLib: {
      parser: typeof Parser;
      ids: { MATCH: number; NOMATCH: number; EMPTY: number };
      utils: { stringToChars(s: string): number[]; charsToString(c: number[], i: number, n: number): string };
    };
  };
  export default apg;
}
