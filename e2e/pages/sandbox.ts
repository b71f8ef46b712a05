import { sandboxPort } from '../playwright.config.js';

/** How a connection reaches the sandbox the journeys' server starts (its banner says the same). */
export const sandbox = {
  serviceUrl: `http://127.0.0.1:${sandboxPort}`,
  authorityHost: `127.0.0.1:${sandboxPort + 1}`,
  tenant: 'sandbox',
  clientId: 'flowline-demo',
  clientSecret: 'flowline-demo-secret',
  legalEntity: 'usmf',
};
