// http-api forwards the lifecycle's staff actions to their app, built on the first request for one of them
// (servedOnFirstUse, src/http/app.ts), by a list of routes: a route added to makeStaffActions and not to that list would
// never be reached. This holds the list to the routes makeStaffActions serves.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { LifecycleDeps } from '../../src/case-handling/lifecycle-deps.ts';
import { STAFF_ACTION_ROUTES } from '../../src/http/app.ts';
import { makeStaffActions } from '../../src/http/staff-actions.ts';

describe("http-api's forwarded staff actions", () => {
  it('forward every route makeStaffActions serves under /api, and nothing else', () => {
    const served = new Hono().route('/api', makeStaffActions({ lifecycle: {} as LifecycleDeps, authorise: () => true })).routes
      .filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const forwards = (route: string) => STAFF_ACTION_ROUTES.some(([method, path]) => {
      const [m, p] = route.split(' ') as [string, string];
      return (method === 'ALL' || method === m) && (path.endsWith('/*') ? p.startsWith(path.slice(0, -1)) : p === path);
    });

    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((route) => !forwards(route))).toEqual([]);
    // Each forwarded route leads to one of them.
    for (const [method, path] of STAFF_ACTION_ROUTES) {
      expect(served.some((route) => (method === 'ALL' || route.startsWith(`${method} `)) && (path.endsWith('/*') ? route.split(' ')[1]!.startsWith(path.slice(0, -1)) : route.endsWith(` ${path}`))), `${method} ${path}`).toBe(true);
    }
  });
});
