import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConsole } from '../../src/http/console/console.ts';
import { consoleSignIn } from '../../src/http/console/sign-in.ts';
import { cognitoIdTokenVerifier } from '../../src/http/console/cognito-verifier.ts';
import { openHarness, type Harness } from '../support/local-redress.ts';

// Cognito's managed login, as far as the console sees it: the authorize redirect (code flow with PKCE), a token
// endpoint (a local stand-in here) and an ID token signed with a key whose JWKS the test made. The verification is
// the real aws-jwt-verify: issuer, audience, token use, expiry and signature.
const POOL = 'eu-west-2_TestPool1';
const CLIENT = 'console-client-id';
const PUBLIC = 'https://console.redress.test';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...(keys.publicKey.export({ format: 'jwk' }) as { n: string; e: string; kty: 'RSA' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function idToken(claims: Record<string, unknown>, key: KeyObject = keys.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${b64({
    sub: 'a1b2c3d4-officer', aud: CLIENT, iss: `https://cognito-idp.eu-west-2.amazonaws.com/${POOL}`, token_use: 'id',
    iat: now, exp: now + 3600, auth_time: now, name: 'Asha Patel', email: 'asha.patel@example.org', ...claims,
  })}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
}

// The token endpoint: gives the ID token for a code only with the verifier whose challenge came with the code.
const issued = new Map<string, { challenge: string; token: string }>();
const tokenRequests: URLSearchParams[] = [];
const cognito = new Hono();
cognito.post('/oauth2/token', async (c) => {
  const form = new URLSearchParams(await c.req.text());
  tokenRequests.push(form);
  const grant = issued.get(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  if (!grant || form.get('grant_type') !== 'authorization_code' || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
    return c.json({ error: 'invalid_grant' }, 400);
  }
  return c.json({ id_token: grant.token, access_token: 'unused', token_type: 'Bearer', expires_in: 3600 });
});

let h: Harness;
let domain: string;
let closeCognito: () => void;
let app: Hono;
beforeAll(async () => {
  h = await openHarness({ workflow: undefined });
  domain = await new Promise<string>((resolve) => {
    const server = serve({ fetch: cognito.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    closeCognito = () => server.close();
  });
  const lifecycle = h.redress.lifecycle!.deps;
  app = new Hono();
  app.route('/', makeConsole({
    lifecycle,
    signIn: consoleSignIn({ kind: 'cognito', domain, clientId: CLIENT, verifier: cognitoIdTokenVerifier(POOL, CLIENT, { keys: [jwk] }) }),
    officers: () => [],
    publicUrl: () => PUBLIC,
  }));
});
afterAll(async () => {
  closeCognito();
  await h.close();
});

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');

/** Walks the sign-in as a browser would, with Cognito answering `token` for the code. */
async function signInWith(token: string): Promise<{ callback: Response; cookie: string }> {
  const start = await app.request(`${PUBLIC}/console/sign-in`);
  const authorize = new URL(start.headers.get('location')!);
  issued.set(`code-${issued.size}`, { challenge: authorize.searchParams.get('code_challenge')!, token });
  const query = new URLSearchParams({ code: `code-${issued.size - 1}`, state: authorize.searchParams.get('state')! });
  const callback = await app.request(`${PUBLIC}/console/auth/callback?${query}`, { headers: { cookie: cookiesOf(start) } });
  return { callback, cookie: cookiesOf(callback) };
}

describe('signing in to the console with Cognito', () => {
  it('sends the officer to the managed login with the authorization code flow and PKCE, never the implicit flow', async () => {
    const start = await app.request(`${PUBLIC}/console/sign-in`);

    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: CLIENT, redirect_uri: `${PUBLIC}/console/auth/callback`, code_challenge_method: 'S256' });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.headers.get('set-cookie')).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/i);
  });

  it('exchanges the code with the verifier, verifies the ID token and shows the officer by name', async () => {
    const { callback, cookie } = await signInWith(idToken({}));
    const queue = await app.request(`${PUBLIC}/console`, { headers: { cookie } });

    expect(callback.status).toBe(303);
    expect(tokenRequests.at(-1)!.get('redirect_uri')).toBe(`${PUBLIC}/console/auth/callback`);
    expect(callback.headers.get('set-cookie')).toMatch(/redress_console_id=.*HttpOnly.*Secure.*SameSite=Lax/i);
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('Signed in as <strong>Asha Patel</strong>');
  });

  it('refuses an ID token for another app client, one signed with another key, and one that has expired', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const tokens = [idToken({ aud: 'another-client' }), idToken({}, other), idToken({ exp: Math.floor(Date.now() / 1000) - 60 })];

    const callbacks = await Promise.all(tokens.map(async (t) => (await signInWith(t)).callback.status));

    expect(callbacks).toEqual([401, 401, 401]);
  });

  it('refuses a callback whose state is not the one it sent', async () => {
    const start = await app.request(`${PUBLIC}/console/sign-in`);
    const callback = await app.request(`${PUBLIC}/console/auth/callback?code=code-x&state=forged`, { headers: { cookie: cookiesOf(start) } });

    expect(callback.status).toBe(401);
  });

  it('signs out through the managed login, back to the console', async () => {
    const { cookie } = await signInWith(idToken({}));
    const page = await (await app.request(`${PUBLIC}/console`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;

    const out = await app.request(`${PUBLIC}/console/sign-out`, { method: 'POST', headers: { cookie, origin: PUBLIC, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${encodeURIComponent(csrf)}` });

    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location')!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${domain}/logout`);
    expect(logout.searchParams.get('logout_uri')).toBe(`${PUBLIC}/console`);
  });
});
