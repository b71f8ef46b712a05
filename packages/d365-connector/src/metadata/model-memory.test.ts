import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseMetadataSync } from './parse-metadata.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A document of `types` entity types whose names, values and annotations are all 13+ characters long. */
function document(types: number): Buffer {
  const parts = [
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
    '<Schema Namespace="Microsoft.Dynamics.DataEntities" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
  ];
  for (let t = 0; t < types; t++) {
    parts.push(
      `<EntityType Name="LongEntityTypeName${t}"><Key><PropertyRef Name="LongKeyPropertyName${t}"/></Key>`,
    );
    for (let p = 0; p < 20; p++)
      parts.push(
        `<Property Name="LongPropertyName${t}x${p}" Type="Edm.String" MaxLength="60">`,
        `<Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@LongLabelIdentifier${t}x${p}"/>`,
        '</Property>',
      );
    parts.push('</EntityType>');
  }
  parts.push('<EntityContainer Name="Container">');
  for (let t = 0; t < types; t++)
    parts.push(
      `<EntitySet Name="LongEntitySetName${t}" EntityType="Microsoft.Dynamics.DataEntities.LongEntityTypeName${t}"/>`,
    );
  parts.push('</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>');
  return Buffer.from(parts.join('\n'));
}

describe('the parsed model', () => {
  it('keeps none of the scanned text alive: slices of it are copied before the model keeps them', async () => {
    gc();
    const before = process.memoryUsage().external;
    let size = 0;
    const model = (() => {
      const bytes = document(4000);
      size = bytes.length;
      // Scanned as one Latin-1 string held outside the heap: while anything refers to it, it counts here.
      return parseMetadataSync(bytes);
    })();
    // External memory is given back by a second collection, after the first has finalised the string.
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
    const kept = process.memoryUsage().external - before;
    expect(size).toBeGreaterThan(10_000_000);
    expect(Object.keys(model.entitySets)).toHaveLength(4000);
    expect(kept, `external memory kept by a model of a ${size}-byte document`).toBeLessThan(size / 10);
  });
});
