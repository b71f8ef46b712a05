import { describe, expect, it } from 'vitest';
import { isStaleAppPart } from './error-boundary.js';

describe('isStaleAppPart', () => {
  it("knows each browser's words for a part of the app the server no longer has", () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://localhost:3000/assets/map-editor-BQHBIg1Y.js',
      'error loading dynamically imported module: http://localhost:3000/assets/map-editor-BQHBIg1Y.js',
      'Importing a module script failed.',
    ])
      expect(isStaleAppPart(new Error(message)), message).toBe(true);
  });

  it('leaves other failures to be tried again', () => {
    expect(isStaleAppPart(new Error("Cannot read properties of undefined (reading 'x')"))).toBe(false);
  });
});
