import type { Readable } from 'node:stream';

export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified?: Date;
  /** Set where the bucket keeps versions (AWS); the local server has none. */
  readonly versionId?: string;
  readonly contentType?: string;
  /** User metadata (x-amz-meta-*), names in lower case. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: Date;
  /** As S3 lists it (quoted); the same as HEAD gives for the same object. */
  readonly etag?: string;
}

export interface PutOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** One bucket, seen as a store of objects by key. Implemented by S3 in AWS and locally. */
export interface ObjectStore {
  readonly bucket: string;
  /** Stores bytes or a stream of unknown length; returns what S3 reports. */
  put(
    key: string,
    body: Uint8Array | Readable,
    options?: PutOptions,
  ): Promise<{ etag: string; versionId?: string }>;
  /** The whole object; throws `NotFoundError` when there is none. */
  get(key: string, versionId?: string): Promise<Buffer>;
  /** The object as a stream; throws `NotFoundError` when there is none. */
  getStream(key: string, versionId?: string): Promise<Readable>;
  /** The object's size and metadata without its body, or undefined when there is none. */
  head(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /** Every key under `prefix`, in key order, paging to the end. */
  list(prefix: string): AsyncIterable<ListedObject>;
  delete(key: string): Promise<void>;
  /** A URL that lets its holder GET the object until it expires. */
  presignGet(key: string, expiresInSeconds: number, options?: { downloadName?: string }): Promise<string>;
}
