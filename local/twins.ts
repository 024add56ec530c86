// The local twins of the AWS services, each on 127.0.0.1: DynamoDB (dynalite), S3 (s3rver) and SES
// (aws-ses-v2-local). Port 0 picks a free port; each reports the one it got.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, type Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import sesLocalModule from 'aws-ses-v2-local';
import { ensureTables } from '../src/adapters/dynamodb/table.ts';
import { withoutSdkLogger } from '../src/adapters/sdk-client.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** What every local SDK client shares: a fake account, and timeouts that fail instead of hanging (FACTS.md §4). */
export const localClientConfig = (endpoint: string, options: { underFakeTimers?: boolean } = {}) => ({
  endpoint,
  region: 'eu-west-2',
  // s3rver accepts only its own fixed key pair; dynalite and aws-ses-v2-local accept any.
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestHandler: new NodeHttpHandler({
    connectionTimeout: 2000, requestTimeout: 10_000, throwOnRequestTimeout: true,
    // Under a test's faked setTimeout the SDK's retry back-off would wait for a tick that never comes: there, no
    // kept-alive sockets (a server closing an idle one is the usual transient error) and no retries, so a failure
    // fails at once instead of hanging.
    ...(options.underFakeTimers ? { httpAgent: new Agent({ keepAlive: false }) } : {}),
  }),
  maxAttempts: options.underFakeTimers ? 1 : 2,
});

export interface LocalTwins {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly sesEndpoint: string;
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly ses: SESv2Client;
  readonly tableName: string;
  readonly bucket: string;
  close(): Promise<void>;
}

export interface TwinOptions {
  /** Where dynalite and s3rver keep their files; null keeps DynamoDB in memory and S3 in a temporary folder. */
  readonly dataDir: string | null;
  readonly dynamoPort?: number;
  readonly s3Port?: number;
  readonly sesPort?: number;
  /** The clients will run under a test's faked timers (see localClientConfig). */
  readonly underFakeTimers?: boolean;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });

/** Starts dynalite, s3rver and aws-ses-v2-local, and creates the table and the bucket when they are missing. */
export async function startTwins(options: TwinOptions): Promise<LocalTwins> {
  const dataDir = options.dataDir;
  if (dataDir) mkdirSync(`${dataDir}/dynamodb`, { recursive: true });
  const dynamoServer = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: `${dataDir}/dynamodb` } : {}) });
  const dynamoPort = await listen(dynamoServer, options.dynamoPort ?? 0);

  const s3Dir = dataDir ? `${dataDir}/s3` : `${process.env.TMPDIR ?? '/tmp'}/redress-s3-${process.pid}-${Date.now()}`;
  mkdirSync(s3Dir, { recursive: true });
  const s3rver = new S3rver({ address: '127.0.0.1', port: options.s3Port ?? 0, silent: true, directory: s3Dir });
  const { port: s3Port } = await s3rver.run();

  // CommonJS with `exports.default`: under ESM the function is one level down (FACTS.md §4).
  const sesLocal = (sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule;
  const sesServer = await sesLocal({ host: '127.0.0.1', port: options.sesPort ?? 0 });
  const sesPort = (sesServer.address() as AddressInfo).port;

  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const sesEndpoint = `http://127.0.0.1:${sesPort}`;
  const clientOptions = { underFakeTimers: options.underFakeTimers ?? false };
  const dynamo = withoutSdkLogger(new DynamoDBClient(localClientConfig(dynamoEndpoint, clientOptions)));
  const s3 = withoutSdkLogger(new S3Client({ ...localClientConfig(s3Endpoint, clientOptions), forcePathStyle: true }));
  const ses = withoutSdkLogger(new SESv2Client(localClientConfig(sesEndpoint, clientOptions)));
  const names = { tableName: 'redress-cases', bucket: 'redress-documents' };
  await ensureTables(dynamo, { table: names.tableName });
  // s3rver keeps a bucket as a folder. After the process was killed mid-write it can answer HeadBucket with a 500
  // (seen in npm run soak:intake), so the folder, not HeadBucket, says whether the bucket is there.
  if (!existsSync(join(s3Dir, names.bucket))) await s3.send(new CreateBucketCommand({ Bucket: names.bucket }));

  return {
    dynamoEndpoint,
    s3Endpoint,
    sesEndpoint,
    dynamo,
    s3,
    ses,
    ...names,
    async close() {
      dynamo.destroy();
      s3.destroy();
      ses.destroy();
      await Promise.all([closeServer(dynamoServer), s3rver.close(), closeServer(sesServer)]);
    },
  };
}
