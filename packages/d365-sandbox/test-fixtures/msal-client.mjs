// Runs the real, unmodified msal-node flow against the sandbox's HTTPS authority. The parent test starts
// this with NODE_EXTRA_CA_CERTS pointing at the sandbox CA, as a user would.
import { ConfidentialClientApplication } from '@azure/msal-node';

const cfg = JSON.parse(process.argv[2]);
const host = new URL(cfg.authority).host;
const credential = cfg.certificate
  ? {
      clientCertificate: {
        thumbprintSha256: cfg.certificate.thumbprintSha256,
        privateKey: cfg.certificate.privateKeyPem,
      },
    }
  : { clientSecret: cfg.secret };
const app = new ConfidentialClientApplication({
  auth: { clientId: cfg.clientId, authority: cfg.authority, knownAuthorities: [host], ...credential },
});
try {
  const result = await app.acquireTokenByClientCredential({ scopes: [`${cfg.environment}/.default`] });
  const res = await fetch(`${cfg.odataUrl}/CustomersV3?$top=1&$select=CustomerAccount`, {
    headers: { authorization: `Bearer ${result.accessToken}` },
  });
  const body = await res.json();
  process.stdout.write(
    JSON.stringify({
      status: res.status,
      first: body.value?.[0]?.CustomerAccount,
      tokenType: result.tokenType,
    }),
  );
} catch (err) {
  process.stdout.write(JSON.stringify({ error: String(err?.errorCode ?? err?.message ?? err) }));
}
