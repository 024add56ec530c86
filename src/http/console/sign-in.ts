// Who is using the console. Locally: the staff token, typed into a password field, then a signed session cookie
// naming the officer they picked. On AWS: Cognito's managed login (authorization code with PKCE, never the implicit
// flow), the ID token verified with aws-jwt-verify on every request and kept only in an HttpOnly cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import * as z from 'zod';
import { lazySchema } from '../../core/lazy-schema.ts';

/** An officer as the console knows them: a stable id (what events record) and the name staff see. */
export interface Officer {
  readonly id: string;
  readonly name: string;
}

/** A signed-in officer, and the token every form that changes something must carry (against cross-site requests). */
export interface ConsoleSession {
  readonly officer: Officer;
  readonly csrfToken: string;
}

/** Verifies a Cognito ID token and returns its claims, or throws (aws-jwt-verify's `CognitoJwtVerifier`). */
export interface IdTokenVerifier {
  verify(idToken: string): Promise<Record<string, unknown>>;
}

/** How officers sign in to the console. */
export type ConsoleSignInSettings =
  | {
      readonly kind: 'staff-token';
      readonly staffToken: string;
      /** The officers an officer may sign in as: the landlords' officers. */
      readonly officers: () => readonly Officer[];
      /** Signs the session cookie; random per start unless given. */
      readonly sessionSecret: string;
    }
  | {
      readonly kind: 'cognito';
      /** The managed login's base URL: `https://<prefix>.auth.<region>.amazoncognito.com`. */
      readonly domain: string;
      readonly clientId: string;
      readonly verifier: IdTokenVerifier;
    };

const SESSION_COOKIE = 'redress_console';
const ID_TOKEN_COOKIE = 'redress_console_id';
const LOGIN_COOKIE = 'redress_console_login';
const SESSION_HOURS = 8;

const LocalSession = lazySchema(() => z.object({ officer: z.object({ id: z.string().min(1), name: z.string().min(1) }), csrfToken: z.string().min(16), expiresAt: z.int() }));
const TokenResponse = lazySchema(() => z.object({ id_token: z.string().min(1) }));

/** Compares two secrets in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The cookie options: HttpOnly and SameSite always, Secure whenever the console is reached over HTTPS. */
export function cookieOptions(c: Context, path: string, maxAgeSeconds: number): CookieOptions {
  return { path, httpOnly: true, sameSite: 'Lax', secure: new URL(c.req.url).protocol === 'https:', maxAge: maxAgeSeconds };
}

/** What the console's routes need from sign-in. */
export interface ConsoleSignIn {
  readonly settings: ConsoleSignInSettings;
  /** The signed-in officer, or null for a visitor. */
  sessionOf(c: Context): Promise<ConsoleSession | null>;
  /** Local sign-in: keeps the session after the token and officer were checked. */
  startLocalSession(c: Context, officer: Officer, now: Date): Promise<void>;
  /** Cognito: where to send the browser to sign in (and the cookie that remembers the PKCE verifier). */
  cognitoRedirect(c: Context, callbackUrl: string): string;
  /** Cognito: exchanges the code for tokens, verifies the ID token, keeps it; `false` when anything does not match. */
  finishCognito(c: Context, callbackUrl: string, fetchFn: typeof fetch): Promise<boolean>;
  /** Ends the session; returns where the browser goes next. */
  signOut(c: Context, afterUrl: string): string;
}

/** The console's sign-in, for either way of signing in. */
export function consoleSignIn(settings: ConsoleSignInSettings): ConsoleSignIn {
  return {
    settings,

    async sessionOf(c) {
      if (settings.kind === 'staff-token') {
        const value = await getSignedCookie(c, settings.sessionSecret, SESSION_COOKIE);
        if (!value) return null;
        const parsed = LocalSession.safeParse(safeJson(Buffer.from(value, 'base64url').toString('utf8')));
        if (!parsed.success || parsed.data.expiresAt < Date.now()) return null;
        // An officer removed from the policy since signing in is signed out.
        const officer = settings.officers().find((o) => o.id === parsed.data.officer.id);
        return officer ? { officer, csrfToken: parsed.data.csrfToken } : null;
      }
      const idToken = getCookie(c, ID_TOKEN_COOKIE);
      if (!idToken) return null;
      try {
        const claims = await settings.verifier.verify(idToken);
        const id = typeof claims.sub === 'string' ? claims.sub : null;
        if (!id) return null;
        const name = [claims.name, claims.email, claims['cognito:username']].find((v): v is string => typeof v === 'string' && v.length > 0) ?? id;
        // Stateless on Lambda: the CSRF token is derived from the ID token, which a cross-site page cannot read.
        return { officer: { id, name }, csrfToken: createHash('sha256').update(`csrf:${idToken}`).digest('base64url') };
      } catch {
        return null;
      }
    },

    async startLocalSession(c, officer, now) {
      if (settings.kind !== 'staff-token') throw new Error('local sessions are for staff-token sign-in');
      const session = { officer, csrfToken: base64url(randomBytes(24)), expiresAt: now.getTime() + SESSION_HOURS * 3_600_000 };
      await setSignedCookie(c, SESSION_COOKIE, Buffer.from(JSON.stringify(session)).toString('base64url'), settings.sessionSecret, cookieOptions(c, '/console', SESSION_HOURS * 3600));
    },

    cognitoRedirect(c, callbackUrl) {
      if (settings.kind !== 'cognito') throw new Error('the managed login is for Cognito sign-in');
      const state = base64url(randomBytes(24));
      const verifier = base64url(randomBytes(48));
      const challenge = base64url(createHash('sha256').update(verifier).digest());
      setCookie(c, LOGIN_COOKIE, `${state}.${verifier}`, cookieOptions(c, '/console/auth', 600));
      const query = new URLSearchParams({
        response_type: 'code', client_id: settings.clientId, redirect_uri: callbackUrl, scope: 'openid email profile',
        state, code_challenge: challenge, code_challenge_method: 'S256',
      });
      return `${settings.domain}/oauth2/authorize?${query}`;
    },

    async finishCognito(c, callbackUrl, fetchFn) {
      if (settings.kind !== 'cognito') return false;
      const remembered = getCookie(c, LOGIN_COOKIE)?.split('.');
      deleteCookie(c, LOGIN_COOKIE, { path: '/console/auth' });
      const code = c.req.query('code');
      const state = c.req.query('state');
      if (!remembered || remembered.length !== 2 || !code || !state || !sameSecret(state, remembered[0]!)) return false;
      const response = await fetchFn(`${settings.domain}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: settings.clientId, code, redirect_uri: callbackUrl, code_verifier: remembered[1]! }),
      });
      if (!response.ok) return false;
      const tokens = TokenResponse.safeParse(await response.json().catch(() => null));
      if (!tokens.success) return false;
      let claims: Record<string, unknown>;
      try {
        claims = await settings.verifier.verify(tokens.data.id_token);
      } catch {
        return false;
      }
      const expiresIn = typeof claims.exp === 'number' ? Math.max(60, claims.exp - Math.floor(Date.now() / 1000)) : 3600;
      setCookie(c, ID_TOKEN_COOKIE, tokens.data.id_token, cookieOptions(c, '/console', expiresIn));
      return true;
    },

    signOut(c, afterUrl) {
      deleteCookie(c, SESSION_COOKIE, { path: '/console' });
      deleteCookie(c, ID_TOKEN_COOKIE, { path: '/console' });
      if (settings.kind === 'cognito') return `${settings.domain}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: afterUrl })}`;
      return afterUrl;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
