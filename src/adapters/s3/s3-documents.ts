import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Documents } from '../../ports.ts';

/** A document that should be kept is not there. */
export class DocumentNotFoundError extends Error {
  override readonly name = 'DocumentNotFoundError';
  constructor(readonly key: string, options?: ErrorOptions) {
    super(`no document ${key}`, options);
  }
}

/** Raw mail and attachments in S3; locally the same class talks to s3rver (path-style URLs). */
export class S3Documents implements Documents {
  constructor(private readonly client: S3Client, private readonly bucket: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!Body) throw new DocumentNotFoundError(key);
      return await Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) throw new DocumentNotFoundError(key, { cause: error });
      throw error;
    }
  }
}
