// The Lambda bundles make zod jitless by setting its settings object before any bundled module runs (ZOD_JITLESS in
// lib/bundling.ts's banner). That works only while zod keeps its settings where the banner writes them: this fails
// if a zod upgrade moves them. test/infra/bundle-views.test.ts checks the effect on a real bundle (no parser compiled).
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ESBUILD_SETTINGS, ZOD_JITLESS } from '../../lib/bundling.ts';

describe('zod jitless in the Lambda bundles', () => {
  it("writes where zod keeps the settings z.config() changes", () => {
    expect(z.config()).toBe((globalThis as { __zod_globalConfig?: object }).__zod_globalConfig);
    expect(ZOD_JITLESS).toContain('globalThis.__zod_globalConfig');
    expect(ZOD_JITLESS).toContain('jitless=true');
  });

  it('is in the banner of every output file', () => {
    expect(ESBUILD_SETTINGS.banner).toContain(ZOD_JITLESS);
  });
});
