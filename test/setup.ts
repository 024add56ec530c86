import { beforeEach, expect } from 'vitest';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// Every test must assert something a person would notice (STYLE.md section 8).
beforeEach(() => {
  expect.hasAssertions();
});
