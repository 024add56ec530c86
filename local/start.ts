// `npm start`: runs Redress locally with embedded defaults: no AWS account, no Docker, only Node.
// Prints where to look. Stop with Ctrl-C.
import { serve } from '@hono/node-server';
import { BANK_HOLIDAYS_FILE, readBankHolidays, shippedLandlordPolicies } from '../src/config/files.ts';
import { makeApi } from '../src/http/api.ts';

export interface LocalRedress {
  readonly url: string;
  close(): Promise<void>;
}

/** Boots the local runtime on 127.0.0.1; port 0 picks a free port. */
export async function startLocalRedress(port = Number(process.env.PORT ?? 3000)): Promise<LocalRedress> {
  // REDRESS_BANK_HOLIDAYS points at a newer GOV.UK list without touching the shipped one.
  const govUk = readBankHolidays(process.env.REDRESS_BANK_HOLIDAYS ?? BANK_HOLIDAYS_FILE);
  const app = makeApi({ policies: shippedLandlordPolicies(), govUk, now: () => new Date() });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startLocalRedress();
  process.stdout.write(
    [
      `Redress is running locally at ${url}`,
      '',
      `  GET  ${url}/api/policies                        the landlord policy profiles, with their Code findings`,
      `  GET  ${url}/api/policies/dennetts-coop/check    one profile checked against the Code`,
      `  POST ${url}/api/workdays                        {"from":"2026-12-23T10:00:00Z","days":5,"region":"england-and-wales"}`,
      `  POST ${url}/api/complaints/deadlines            {"landlordId":"code-defaults","events":[{"type":"received","at":"..."}]}`,
      '',
      'Try:',
      `  curl -s ${url}/api/workdays -H 'content-type: application/json' -d '{"from":"2026-12-23T10:00:00Z","days":5,"region":"england-and-wales"}'`,
      '  npx redress --help',
      '',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}
