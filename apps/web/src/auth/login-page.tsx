import { type FormEvent, useState } from 'react';
import { useLogin } from '../api/session.js';
import { useCredentials } from './credential-fields.js';
import { describeSsoError, ssoStartUrl, takeSsoErrorToken, useSsoStatus } from './sso.js';

const ssoLinkStyle = {
  display: 'block',
  textAlign: 'center',
  padding: '0.45rem 0.8rem',
  border: '1px solid #2f2f2f',
  borderRadius: '4px',
  color: '#2f2f2f',
  textDecoration: 'none',
} as const;

export function LoginPage() {
  const { credentials, fields } = useCredentials();
  const login = useLogin();
  const [ssoErrorToken] = useState(takeSsoErrorToken);
  const sso = useSsoStatus(ssoErrorToken);
  const ssoError = sso.data?.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(credentials);
  };
  return (
    <main className="auth-page">
      <form onSubmit={submit} aria-label="Sign in" className="auth-card">
        <h1>Sign in to Flowline</h1>
        {fields()}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        {login.isError && (
          <p role="alert" className="field-error">
            {login.error.message}
          </p>
        )}
        {sso.data?.enabled && (
          // A link, not a button: it leaves for Microsoft's sign-in page and comes back here.
          <a className="sso-link" style={ssoLinkStyle} href={ssoStartUrl(window.location)}>
            Sign in with Microsoft
          </a>
        )}
        {ssoError && (
          <p role="alert" className="field-error">
            {describeSsoError(ssoError)}
          </p>
        )}
      </form>
    </main>
  );
}
