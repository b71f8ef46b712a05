import { useState } from 'react';

/** The email and password a person signs in with, and the two fields that ask for them. */
export function useCredentials(email = '') {
  const [credentials, setCredentials] = useState({ email, password: '' });
  /** `inDialog`: the fields ask again in a `Modal`, which opens on the password. */
  const fields = (inDialog = false) => (
    <>
      <label>
        Email
        <input
          type="email"
          autoComplete="username"
          value={credentials.email}
          onChange={(e) => setCredentials((c) => ({ ...c, email: e.target.value }))}
          required
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="current-password"
          value={credentials.password}
          onChange={(e) => setCredentials((c) => ({ ...c, password: e.target.value }))}
          required
          data-autofocus={inDialog || undefined}
        />
      </label>
    </>
  );
  return { credentials, fields };
}
