// The local twins ship no type declarations; these cover what Redress calls.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }
  export default function dynalite(options?: DynaliteOptions): Server;
}

declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string; configs?: unknown[] }[];
    resetOnClose?: boolean;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}

declare module 'aws-ses-v2-local' {
  import type { Server } from 'node:http';
  interface SesLocalOptions { host?: string; port?: number }
  const start: (options?: SesLocalOptions) => Promise<Server>;
  export default start;
}
