import type { ConnectionBody } from '@flowline/contracts';
import { useState } from 'react';
import { Field } from './field.js';
import { SecretInput } from './secret-input.js';

type Proxy = NonNullable<ConnectionBody['proxy']>;

/**
 * The HTTP proxy requests reach the environment through: its user and password, and the hosts it is
 * bypassed for. Those wait for its URL: without one there is no proxy to set them on.
 */
export function ProxyFields({
  proxy,
  onChange,
}: {
  proxy: Proxy | undefined;
  onChange: (proxy: Proxy | undefined) => void;
}) {
  // The hosts as typed ("localhost, "): kept apart from the list, which has no room for a half-typed one.
  const [bypass, setBypass] = useState(proxy?.noProxy?.join(', ') ?? '');
  const setProxy = (patch: Partial<Proxy>) => {
    const next = { ...proxy, ...patch } as Proxy;
    onChange(next.url ? next : undefined);
  };
  return (
    <section aria-labelledby="proxy-title" className="panel">
      <h2 id="proxy-title">Proxy</h2>
      <div className="form-grid">
        <Field
          label="Proxy URL"
          type="url"
          placeholder="http://proxy.contoso.com:8080"
          help="Leave empty to connect directly (HTTPS_PROXY and NO_PROXY of the server still apply)."
          value={proxy?.url}
          onChange={(url) => setProxy({ url })}
        />
        {proxy && (
          <>
            <Field
              label="Proxy user"
              help="Only for a proxy that asks who you are."
              value={proxy.username}
              onChange={(v) => setProxy({ username: v || undefined })}
            />
            <SecretInput
              label="Proxy password"
              help="The proxy user's password."
              value={proxy.password}
              onChange={(password) => setProxy({ password })}
            />
            <Field
              label="Bypass the proxy for"
              placeholder="localhost, .contoso.com"
              help="Hosts reached directly, separated by commas."
              value={bypass}
              onChange={(v) => {
                setBypass(v);
                const hosts = v
                  .split(',')
                  .map((h) => h.trim())
                  .filter(Boolean);
                setProxy({ noProxy: hosts.length > 0 ? hosts : undefined });
              }}
            />
          </>
        )}
      </div>
    </section>
  );
}
