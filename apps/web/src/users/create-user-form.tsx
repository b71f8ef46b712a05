import type { Role } from '@flowline/contracts';
import { type FormEvent, useState } from 'react';
import { useCreateUser } from '../api/user-queries.js';
import { roleOptions } from './user-row.js';

const blank = { email: '', name: '', role: 'designer' as Role, password: '' };

/** A new account: the person signs in with this email and password (and may use single sign-on). */
export function CreateUserForm() {
  const [form, setForm] = useState(blank);
  const [created, setCreated] = useState('');
  const create = useCreateUser();
  const set = (part: Partial<typeof blank>) => setForm((f) => ({ ...f, ...part }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated('');
    create.mutate(form, {
      onSuccess: (user) => {
        setCreated(`${user.email} can sign in now, as ${user.role}.`);
        setForm(blank);
      },
    });
  };
  return (
    <form onSubmit={submit} aria-label="New user" className="inline-form">
      <label>
        Email
        <input
          type="email"
          value={form.email}
          onChange={(e) => set({ email: e.target.value })}
          required
          maxLength={254}
          autoComplete="off"
        />
      </label>
      <label>
        Name
        <input value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
      </label>
      <label>
        Role
        <select value={form.role} onChange={(e) => set({ role: e.target.value as Role })}>
          {roleOptions}
        </select>
      </label>
      <label>
        Password
        <input
          type="password"
          value={form.password}
          onChange={(e) => set({ password: e.target.value })}
          required
          minLength={10}
          maxLength={200}
          autoComplete="new-password"
          aria-describedby="new-user-password-hint"
        />
      </label>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create user'}
      </button>
      <p id="new-user-password-hint" className="hint">
        At least 10 characters.
      </p>
      {create.isError && (
        <p role="alert" className="field-error">
          {create.error.message}
        </p>
      )}
      {created && (
        <p role="status" className="hint">
          {created}
        </p>
      )}
    </form>
  );
}
