import type { SessionInfo } from '@flowline/contracts';
import { useUsers } from '../api/user-queries.js';
import { Failed, Loading } from '../frame/status.js';
import { AuditLog } from './audit-log.js';
import { CreateUserForm } from './create-user-form.js';
import { UserRow } from './user-row.js';

/** Administrators manage who may sign in and what they may do, and see what was done. */
export function UsersPage({ me }: { me: SessionInfo['user'] }) {
  if (me.role !== 'admin') return <p role="alert">Only administrators manage users.</p>;
  return <Users me={me} />;
}

function Users({ me }: { me: SessionInfo['user'] }) {
  const users = useUsers();
  return (
    <section aria-labelledby="users-title" className="users-page">
      <h1 id="users-title">Users</h1>
      <p className="hint">
        admin: users and everything · designer: edit components and run them · operator: run and read
        executions · viewer: read only. A new role, a new password or disabling signs that person out
        everywhere.
      </p>
      {users.isPending ? (
        <Loading what="users" />
      ) : users.isError ? (
        <Failed what="users" error={users.error} retry={() => users.refetch()} />
      ) : (
        <table aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <UserRow key={u.id} user={u} isMe={u.id === me.id} />
            ))}
          </tbody>
        </table>
      )}
      <h2>New user</h2>
      <CreateUserForm />
      <AuditLog />
    </section>
  );
}
