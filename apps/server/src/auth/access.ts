import type { Role } from '../generated/prisma/enums.js';

/** Who may call a route: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export { roles } from '@flowline/contracts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every API route says who may call it; the auth plugin refuses routes that do not. */
    access?: Access;
  }
  interface FastifyRequest {
    user?: SessionUser;
    sessionId?: string;
  }
}
