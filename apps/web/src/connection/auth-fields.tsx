import type { ConnectionBody } from '@flowline/contracts';
import { Field } from './field.js';
import { SecretInput } from './secret-input.js';

type Auth = NonNullable<ConnectionBody['auth']>;
type Kind = Auth['kind'];

/** How Flowline signs in to the service: Entra ID app registration with a secret or a certificate. */
export function AuthFields({
  auth: stored,
  onChange,
}: {
  auth: Auth | undefined;
  onChange: (a: Auth) => void;
}) {
  // A new connection shows the usual client-secret fields; typing in one creates the auth block.
  const auth: Auth = stored ?? { kind: 'clientSecret', tenant: '', clientId: '' };
  const kind: Kind = auth.kind;
  const switchTo = (next: Kind) => {
    const common = auth.kind !== 'none' ? { tenant: auth.tenant, clientId: auth.clientId } : undefined;
    if (next === 'none') onChange({ kind: 'none' });
    else if (next === 'clientSecret')
      onChange({ kind: next, tenant: common?.tenant ?? '', clientId: common?.clientId ?? '' });
    else
      onChange({
        kind: next,
        tenant: common?.tenant ?? '',
        clientId: common?.clientId ?? '',
        certificate: '',
      });
  };
  return (
    <section aria-labelledby="auth-title" className="panel">
      <h2 id="auth-title">Sign-in</h2>
      <div className="form-grid">
        <label>
          Authentication
          <select value={kind} onChange={(e) => switchTo(e.target.value as Kind)}>
            <option value="clientSecret">Client secret (Entra ID app)</option>
            <option value="certificate">Certificate (Entra ID app)</option>
            <option value="none">None</option>
          </select>
          <small aria-hidden="true">
            F&amp;O accepts tokens of an app registration listed in its Microsoft Entra applications.
          </small>
        </label>
        {auth.kind !== 'none' && (
          <>
            <Field
              label="Tenant"
              help="The Entra ID tenant: its id or domain, e.g. contoso.onmicrosoft.com."
              value={auth.tenant}
              onChange={(tenant) => onChange({ ...auth, tenant })}
            />
            <Field
              label="Client ID"
              help="The application (client) id of the app registration."
              value={auth.clientId}
              onChange={(clientId) => onChange({ ...auth, clientId })}
            />
            <Field
              label="Authority host"
              placeholder="login.microsoftonline.com"
              help="Leave empty for Microsoft's public cloud; set it for sovereign clouds or the sandbox."
              value={auth.authorityHost}
              onChange={(v) => onChange({ ...auth, authorityHost: v || undefined })}
            />
            {auth.kind === 'clientSecret' ? (
              <SecretInput
                label="Client secret"
                help="The secret value of the app registration (not its id)."
                value={auth.clientSecret}
                onChange={(clientSecret) => onChange({ ...auth, clientSecret })}
              />
            ) : (
              <>
                <label>
                  Certificate (PEM)
                  <textarea
                    className="mono"
                    rows={3}
                    value={auth.certificate}
                    onChange={(e) => onChange({ ...auth, certificate: e.target.value })}
                  />
                  <small aria-hidden="true">The public certificate uploaded to the app registration.</small>
                </label>
                <SecretInput
                  label="Private key"
                  help="The certificate's private key (PEM)."
                  value={auth.privateKey}
                  onChange={(privateKey) => onChange({ ...auth, privateKey })}
                />
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
