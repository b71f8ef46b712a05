import { type FormEvent, useState } from 'react';
import { useLogin } from '../api/session.js';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <main className="auth-page">
      <form onSubmit={submit} aria-label="Sign in" className="auth-card">
        <h1>Sign in to Flowline</h1>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        {login.isError && (
          <p role="alert" className="field-error">
            {login.error.message}
          </p>
        )}
      </form>
    </main>
  );
}
