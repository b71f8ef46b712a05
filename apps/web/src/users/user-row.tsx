import { type Role, roleNames, type User } from '@flowline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useUpdateUser } from '../api/user-queries.js';

/** The options of a role picker. */
export const roleOptions = roleNames.map((r) => (
  <option key={r} value={r}>
    {r}
  </option>
));

/**
 * One user, with their role, enabled or disabled, and a new password. An administrator's own role and
 * account stay as they are here (another administrator changes them): a slip must not lock them out.
 */
export function UserRow({ user, isMe }: { user: User; isMe: boolean }) {
  const update = useUpdateUser(user.id);
  const client = useQueryClient();
  const [password, setPassword] = useState<string | undefined>(undefined);
  const [done, setDone] = useState('');
  const change = (input: Parameters<typeof update.mutate>[0], what: string) => {
    setDone('');
    update.mutate(input, {
      onSuccess: () => {
        setDone(what);
        setPassword(undefined);
        // The server signs a person out everywhere when their password changes: yourself too.
        if (isMe && input.password) void client.invalidateQueries({ queryKey: ['session'] });
      },
    });
  };
  const setNewPassword = (e: FormEvent) => {
    e.preventDefault();
    if (password) change({ password }, 'Password set; they sign in with it from now on.');
  };
  const own = isMe ? 'Another administrator changes your own role and account' : undefined;
  return (
    <tr>
      <td>
        {user.name}
        {isMe && <small> (you)</small>}
      </td>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={isMe || update.isPending}
          title={own}
          onChange={(e) => change({ role: e.target.value as Role }, `Now ${e.target.value}.`)}
        >
          {roleOptions}
        </select>
      </td>
      <td>
        <span className={`status-badge ${user.disabled ? 'status-failed' : 'status-succeeded'}`}>
          {user.disabled ? 'disabled' : 'active'}
        </span>
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}
            disabled={isMe || update.isPending}
            title={own}
            onClick={() =>
              change({ disabled: !user.disabled }, user.disabled ? 'Enabled.' : 'Disabled and signed out.')
            }
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
          {password === undefined ? (
            <button
              type="button"
              aria-label={`Set a password for ${user.email}`}
              onClick={() => {
                setDone('');
                setPassword('');
              }}
            >
              Set password
            </button>
          ) : (
            <form
              onSubmit={setNewPassword}
              aria-label={`New password for ${user.email}`}
              className="row-actions"
            >
              <input
                type="password"
                aria-label="New password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setPassword(undefined)}
                required
                minLength={10}
                maxLength={200}
                // biome-ignore lint/a11y/noAutofocus: the field opens because the person asked to type in it
                autoFocus
              />
              <button type="submit" disabled={update.isPending}>
                Save password
              </button>
              <button type="button" onClick={() => setPassword(undefined)}>
                Cancel
              </button>
            </form>
          )}
        </div>
        {update.isError && (
          <p role="alert" className="field-error">
            {update.error.message}
          </p>
        )}
        {done && (
          <p role="status" className="hint">
            {done}
          </p>
        )}
      </td>
    </tr>
  );
}
