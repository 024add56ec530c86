// Runs one esbuild build with Redress's plugins, for lib/bundling.ts. CDK's local bundling is synchronous and esbuild's
// synchronous API takes no plugins, so bundleEntry runs this in a child process and waits: the build options arrive as
// JSON on stdin, and the metafile leaves as JSON on stdout.
import { build } from 'esbuild';
import { libmimeMimetypes } from './bundle-plugins/libmime-mimetypes.mjs';
import { sdkSchemaKeys } from './bundle-plugins/sdk-schema-keys.mjs';
import { zodWithoutJsonSchema } from './bundle-plugins/zod-without-json-schema.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const options = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const result = await build({ ...options, plugins: [sdkSchemaKeys, libmimeMimetypes, zodWithoutJsonSchema], metafile: true });
process.stdout.write(JSON.stringify(result.metafile));
