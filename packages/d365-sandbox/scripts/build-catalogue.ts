/**
 * Regenerates data/catalogue.json.gz from ../shared/data/fno-openapi (or the folder given as argument).
 * Run: `pnpm --filter @flowline/d365-sandbox build:catalogue`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildCatalogue } from './catalogue-builder.js';

const dir =
  process.argv[2] ?? fileURLToPath(new URL('../../../../shared/data/fno-openapi/', import.meta.url));
const catalogue = buildCatalogue(dir);
const out = fileURLToPath(new URL('../data/catalogue.json.gz', import.meta.url));
writeFileSync(out, gzipSync(JSON.stringify(catalogue), { level: 9 }));
const props = catalogue.entities.reduce((n, e) => n + e.props.length, 0);
console.log(
  `${out}: ${catalogue.entities.length} entity types, ${catalogue.enums.length} enums, ${props} properties`,
);
