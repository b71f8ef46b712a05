import { createHash } from 'node:crypto';

/** A person the sandbox's tenant can sign in at its authorization endpoint (there is no real UI). */
export interface TestUser {
  /** Sign-in name (UPN), matched case-insensitively against `login_hint`; becomes `preferred_username`. */
  username: string;
  name: string;
  /** The `email` claim; defaults to the username. Empty string: the token carries no email claim. */
  email?: string;
  /** Entra object id; defaults to a stable id derived from the username. */
  oid?: string;
  /** Tenant id of the `tid` claim, for a guest from another tenant; defaults to the sandbox tenant. */
  tenantId?: string;
  /** A disabled account is refused with AADSTS50057, as Entra does. */
  disabled?: boolean;
}

/** The users every sandbox knows unless SandboxOptions.testUsers replaces them; the first is the default. */
export const DEMO_USERS: readonly TestUser[] = [
  { username: 'ada.lovelace@sandbox.onmicrosoft.com', name: 'Ada Lovelace' },
  { username: 'grace.hopper@sandbox.onmicrosoft.com', name: 'Grace Hopper' },
];

/** A stable GUID-shaped id from any text, as Entra gives every principal one. */
export function stableObjectId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A signed-in user with every claim resolved. */
export interface ResolvedUser {
  username: string;
  name: string;
  email: string | undefined;
  oid: string;
  tenantId: string;
  disabled: boolean;
}

/** The tenant's people, looked up by sign-in name. */
export class TestUserDirectory {
  constructor(
    private readonly users: readonly TestUser[],
    private readonly tenant: string,
  ) {}

  /** The user named by `loginHint`, or the default (first) user when there is no hint. */
  find(loginHint: string | null): ResolvedUser | undefined {
    const hint = loginHint?.trim().toLowerCase();
    const user = hint ? this.users.find((u) => u.username.toLowerCase() === hint) : this.users[0];
    if (!user) return undefined;
    return {
      username: user.username,
      name: user.name,
      email: user.email === '' ? undefined : (user.email ?? user.username),
      oid: user.oid ?? stableObjectId(`user:${user.username.toLowerCase()}`),
      tenantId: user.tenantId ?? this.tenant,
      disabled: user.disabled ?? false,
    };
  }
}
