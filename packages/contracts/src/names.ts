/**
 * The contracts' plain lists and defaults, apart from the schemas built from them: the web app's first
 * pages read these, and a module that builds no schema keeps TypeBox out of their bundle.
 */

/** Every role, strongest first. */
export const roleNames = ['admin', 'designer', 'operator', 'viewer'] as const;

/** Who may do what: each route declares one of these, and the designer shows only what a role may do. */
export const roles = {
  read: ['admin', 'designer', 'operator', 'viewer'],
  design: ['admin', 'designer'],
  run: ['admin', 'designer', 'operator'],
  admin: ['admin'],
} as const satisfies Record<string, readonly (typeof roleNames)[number][]>;

/** Every action the audit log records (`AuditEntry.action`). */
export const auditActions = [
  'sign-in',
  'sign-in failed',
  'sso sign-in',
  'sso sign-in refused',
  'setup',
  'user created',
  'user changed',
  'created',
  'copied',
  'changed',
  'restored',
  'deleted',
  'exported',
  'imported',
  'folder renamed',
  'folder deleted',
  'connection tested',
  'ran',
  'cancelled execution',
  'resumed execution',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const componentTypes = ['connection', 'operation', 'map', 'process'] as const;

export const executionStatuses = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
] as const;

/**
 * `test`: the first documents from the start, every one kept; its writes are real. `preview`: a test run
 * that sends no write: each write shape answers the request it would have sent. `full`: every document.
 */
export const executionModes = ['test', 'preview', 'full'] as const;

/** What a connection uses where its body sets nothing: the server connects with these, the editor shows them. */
export const connectionDefaults = {
  maxConcurrency: 8,
  connectMs: 10_000,
  responseMs: 120_000,
  labelLanguage: 'en-us',
} as const;
