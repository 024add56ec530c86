// Imported first by every Lambda handler, so that it runs before any schema is built. zod compiles a parser for each
// object schema the first time that schema parses (generated code through `new Function`, which V8 then compiles):
// a cost that pays back over many parses of one schema in a long-lived process. A Lambda function parses most of its
// schemas a few times between cold starts, and its cold start parses the landlord policies: there the interpreted
// parser is faster. Measured (issue 17): 6–10 ms less at each function's import, and the landlord policy's first
// parse 8.6 → 4.2 ms (warm, 32 → 26 µs). Parse results and errors are the same either way (zod's own guarantee; the
// bundle tests run the handlers so).
import * as z from 'zod';

z.config({ jitless: true });
