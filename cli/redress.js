#!/usr/bin/env node
// The `redress` command. The sources are TypeScript; tsx compiles them as they load,
// so the command works straight from a clone with no build step.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
