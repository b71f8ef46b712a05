import type { ComponentSummary } from '@flowline/contracts';
import type { Prisma } from '../generated/prisma/client.js';

export type ComponentRow = Prisma.ComponentGetPayload<object>;

/** A component as lists show it: no body, its current revision's number. */
export const summary = (c: ComponentRow): ComponentSummary => ({
  id: c.id,
  type: c.type,
  name: c.name,
  description: c.description,
  folderId: c.folderId,
  version: c.currentVersion,
  updatedAt: c.updatedAt.toISOString(),
});
