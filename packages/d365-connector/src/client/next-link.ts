/**
 * Points a server's `@odata.nextLink` at the configured service root: F&O may answer with another host
 * (a load balancer's), and a relative link is resolved against the root. `cross-company=true` is carried
 * onto every page.
 */
export function rewriteNextLink(link: string, serviceRoot: string, crossCompany: boolean): string {
  const root = new URL(serviceRoot.endsWith('/') ? serviceRoot : `${serviceRoot}/`);
  const next = new URL(link, root);
  let rewritten: URL;
  if (next.pathname.startsWith(root.pathname)) {
    rewritten = new URL(`${next.pathname.slice(root.pathname.length)}${next.search}`, root);
  } else {
    // Another host with another root path: keep what follows the last segment of our root path.
    const marker = `/${root.pathname.split('/').filter(Boolean).pop() ?? ''}/`;
    const at = next.pathname.lastIndexOf(marker);
    const tail = at >= 0 ? next.pathname.slice(at + marker.length) : next.pathname.replace(/^\//, '');
    rewritten = new URL(`${tail}${next.search}`, root);
  }
  if (crossCompany && !/[?&]cross-company=true(&|$)/i.test(rewritten.search)) {
    rewritten.search = rewritten.search ? `${rewritten.search}&cross-company=true` : '?cross-company=true';
  }
  return rewritten.toString();
}
