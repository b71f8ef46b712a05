import { type ConnectionBody, connectionDefaults } from '@flowline/contracts';
import type { BodyEditorProps } from '../editor/draft.js';
import { AuthFields } from './auth-fields.js';
import { ConnectionTest } from './connection-test.js';
import { Field } from './field.js';
import { ProxyFields } from './proxy-fields.js';

const num = (v: string) => (v === '' ? undefined : Number(v));

/** The connection form: service, sign-in, limits; and the test of the saved revision. */
export function ConnectionEditor({ component, body, onChange, dirty }: BodyEditorProps<ConnectionBody>) {
  const set = (patch: Partial<ConnectionBody>) => onChange({ ...body, ...patch });
  return (
    <div className="connection-editor">
      <section aria-labelledby="service-title" className="panel">
        <h2 id="service-title">Service</h2>
        <div className="form-grid">
          <Field
            label="Service URL"
            type="url"
            placeholder="https://contoso.operations.dynamics.com"
            help="The environment's address; the OData root is /data below it."
            value={body.serviceUrl}
            onChange={(v) => set({ serviceUrl: v || undefined })}
          />
          <label>
            Dialect
            <select
              value={body.dialect ?? 'fno'}
              onChange={(e) => set({ dialect: e.target.value as 'fno' | 'odata' })}
            >
              <option value="fno">Finance and Operations</option>
              <option value="odata">Other OData v4 service</option>
            </select>
            <small aria-hidden="true">F&amp;O adds cross-company, legal entities and its enum syntax.</small>
          </label>
          <Field
            label="Default legal entity"
            placeholder="usmf"
            help="The company (dataAreaId) used when an operation names none."
            value={body.defaultLegalEntity}
            onChange={(v) => set({ defaultLegalEntity: v || undefined })}
          />
          <Field
            label="Label language"
            placeholder={`${connectionDefaults.labelLanguage} (default)`}
            help="The language F&O's field labels are shown in, e.g. de or fr-ca."
            value={body.labelLanguage}
            onChange={(v) => set({ labelLanguage: v || undefined })}
          />
          <Field
            label="Max concurrent requests"
            type="number"
            help="F&O refuses more than 52 requests in flight for one user."
            placeholder={`${connectionDefaults.maxConcurrency} (default)`}
            value={body.maxConcurrency}
            onChange={(v) => set({ maxConcurrency: num(v) })}
          />
          <Field
            label="Response timeout (ms)"
            type="number"
            help="How long to wait for an answer before the request fails."
            placeholder={`${connectionDefaults.responseMs} (default)`}
            value={body.timeouts?.responseMs}
            onChange={(v) => set({ timeouts: { ...body.timeouts, responseMs: num(v) } })}
          />
          <Field
            label="Connect timeout (ms)"
            type="number"
            help="How long to wait for a connection to the environment (or the proxy)."
            placeholder={`${connectionDefaults.connectMs} (default)`}
            value={body.timeouts?.connectMs}
            onChange={(v) => set({ timeouts: { ...body.timeouts, connectMs: num(v) } })}
          />
        </div>
      </section>
      <AuthFields auth={body.auth} onChange={(auth) => set({ auth })} />
      <ProxyFields proxy={body.proxy} onChange={(proxy) => set({ proxy })} />
      <ConnectionTest id={component.id} dirty={dirty} />
    </div>
  );
}
