import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILT, signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtApiServer, builtWebServer } from '@/lib/testing/built-server';

/** The id the production build gave a Server Action, by the name it is exported under. */
function actionId(exportedName: string, file: string): string {
  const manifest = JSON.parse(
    readFileSync(join(dirname(BUILT.web), '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const found = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename === file,
  );
  if (!found) throw new Error(`No Server Action ${exportedName} in ${file} in the build`);
  return found[0];
}

/**
 * The production builds of both apps. A Server Action is a POST that any page on the web could
 * make a browser send, with the browser's cookies: the proxy refuses one whose Origin is not this
 * site's (Next would too). Proved on the header's sign-out action, the one every page carries.
 */
describe('Server Actions sent from another site', () => {
  const api = builtApiServer();
  let web: ReturnType<typeof builtWebServer>;
  let signOutAction: string;

  beforeAll(async () => {
    await api.start();
    web = await builtWebServer(api.url).start();
    signOutAction = actionId('signOut', 'apps/web/app/_account/actions.ts');
  });
  afterAll(async () => {
    await web.stop();
    await api.stop();
  });

  /** The header's sign-out button, as a page at `origin` makes the person's browser press it. */
  const signOutFrom = (origin: string, cookie: string) =>
    fetch(`${web.url}/`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'next-action': signOutAction,
        'content-type': 'text/plain;charset=UTF-8',
        origin,
        cookie,
      },
      body: '[]',
    });
  const sessionWorks = async (cookie: string) =>
    (await fetch(`${api.url}/v1/auth/session`, { headers: { cookie } })).status === 200;

  it('are refused before they run, though they carry the session cookie; from this site they run', async () => {
    const person = await signUpCaller(api.url);
    const refused = await signOutFrom('https://elsewhere.example', person.cookie);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({
      type: '/problems/forbidden',
      status: 403,
      detail: 'A Server Action must come from a page of this site.',
      instance: '/',
    });
    expect(await sessionWorks(person.cookie)).toBe(true);

    // The same button without JavaScript: a form post that names the action in its body.
    const form = new FormData();
    form.set(`$ACTION_ID_${signOutAction}`, '');
    const posted = await fetch(`${web.url}/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://elsewhere.example', cookie: person.cookie },
      body: form,
    });
    expect(posted.status).toBe(403);
    expect(await sessionWorks(person.cookie)).toBe(true);

    const sameSite = await signOutFrom(new URL(web.url).origin, person.cookie);
    expect(sameSite.status).toBeLessThan(400);
    expect(await sessionWorks(person.cookie)).toBe(false);
  });
});
