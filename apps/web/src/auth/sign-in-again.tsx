import type { SessionInfo } from '@flowline/contracts';
import type { FormEvent } from 'react';
import { useSignInAgain } from '../api/session.js';
import { Modal } from '../frame/modal.js';
import { useCredentials } from './credential-fields.js';
import { ssoStartUrl, useSsoStatus } from './sso.js';

/** Where a sign-in with Microsoft started from the dialog lands, in its own tab. */
export const SIGNED_IN_AGAIN_PATH = '/signed-in';

/**
 * Asks for the password again when the session ended while a page was open, over that page: leaving
 * it for the sign-in page would throw away whatever was not saved yet.
 */
export function SignInAgain({
  user,
  onSignedIn,
  onDismiss,
}: {
  user: SessionInfo['user'];
  onSignedIn: () => void;
  onDismiss: () => void;
}) {
  const { credentials, fields } = useCredentials(user.email);
  const signIn = useSignInAgain(user.id);
  const sso = useSsoStatus(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(credentials, { onSuccess: onSignedIn });
  };
  return (
    <Modal titleId="sign-in-again-title" onCancel={onDismiss}>
      <form onSubmit={submit} aria-label="Sign in again" className="auth-card">
        <h2 id="sign-in-again-title">Sign in again</h2>
        <p>Your session has ended: nothing can be loaded or saved until you sign in again.</p>
        <p className="hint">
          This page stays as it is, unsaved changes too: save again once you are signed in.
        </p>
        {fields(true)}
        <div className="actions">
          <button type="submit" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" onClick={onDismiss}>
            Not now
          </button>
        </div>
        {sso.data?.enabled && (
          <p>
            {/* A new tab: leaving this one for Microsoft's page would lose what is unsaved here. */}
            <a
              href={ssoStartUrl({ pathname: SIGNED_IN_AGAIN_PATH, search: '' })}
              target="_blank"
              rel="noopener"
            >
              Sign in with Microsoft in a new tab
            </a>
            , then{' '}
            <button type="button" onClick={() => signIn.mutate('elsewhere', { onSuccess: onSignedIn })}>
              Continue here
            </button>
          </p>
        )}
        {signIn.isError && (
          <p role="alert" className="field-error">
            {signIn.error.message}
          </p>
        )}
      </form>
    </Modal>
  );
}
