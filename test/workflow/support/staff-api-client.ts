import { Hono } from 'hono';
import { makeStaffActions } from '../../../src/http/staff-actions.ts';
import { bearerToken } from '../../../src/http/staff-api.ts';
import type { LifecycleHarness } from './lifecycle-harness.ts';

export const STAFF_TOKEN = 'test-staff-token';

/** An answer from the staff API: its status and JSON body. */
export interface StaffApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** The staff action API on a lifecycle harness, called as one signed-in officer; each call waits for the lifecycle to settle. */
export function staffApiClient(h: LifecycleHarness, officer: string) {
  const app = new Hono();
  app.route('/api', makeStaffActions({ lifecycle: h.lifecycle.deps, authorise: bearerToken(STAFF_TOKEN) }));
  return {
    async post(path: string, body: unknown): Promise<StaffApiAnswer> {
      const response = await app.request(path, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}`, 'x-redress-officer': officer }, body: JSON.stringify(body),
      });
      await h.settle();
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async get<T>(path: string): Promise<T> {
      return (await (await app.request(path, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } })).json()) as T;
    },
  };
}
