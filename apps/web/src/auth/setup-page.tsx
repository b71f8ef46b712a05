import { type FormEvent, useState } from 'react';
import { useSetup } from '../api/session.js';

/** First start: the person who holds the printed setup token creates the administrator. */
export function SetupPage({ token }: { token: string }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const setup = useSetup();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setup.mutate(
      { token, email, name, password },
      { onSuccess: () => window.history.replaceState(null, '', '/') },
    );
  };
  return (
    <main className="auth-page">
      <form onSubmit={submit} aria-label="Create the administrator" className="auth-card">
        <h1>Welcome to Flowline</h1>
        <p>Create the first administrator. You can invite others afterwards.</p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password (10 characters or more)
          <input
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={setup.isPending}>
          Create administrator
        </button>
        {setup.isError && (
          <p role="alert" className="field-error">
            {setup.error.message}
          </p>
        )}
      </form>
    </main>
  );
}
