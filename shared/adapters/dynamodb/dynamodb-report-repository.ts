import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { IntegrityError } from '../../domain/errors';
import type { Period } from '../../domain/period';
import { MANIFEST_FILE, REPORT_FILES, type ReportFileName } from '../../domain/report/report-files';
import {
  type ChainLink,
  type ManifestFile,
  manifestBytes,
  parseManifest,
  REPORT_MANIFEST_KIND,
  REPORT_MANIFEST_SCHEMA_VERSION,
  type ReportManifest,
} from '../../domain/report/report-manifest';
import { sha256Hex } from '../../domain/sha256';
import type { ObjectStore } from '../../ports/object-store';
import {
  type ChainHead,
  type PendingPublication,
  ReportChainBusyError,
  type ReportDraft,
  type ReportRecord,
  type ReportRepository,
} from '../../ports/report-repository';
import { reportKey } from '../../storage/object-keys';
import { GSI1 } from '../../storage/table-definition';
import { isConditionFailure } from './condition-failure';
import { itemKeys } from './item-keys';
import { queryAllItems } from './query-all';
import { latestVersionRecord, versionRecords } from './versioned-items';

/** A render holding the chain: it may write the manifest for `sequence`, and nobody else may. */
interface PendingLink {
  readonly owner: string;
  readonly period: Period;
  readonly version: number;
  readonly sequence: number;
  readonly manifestKey: string;
  readonly leaseExpiresAt: string;
}

interface HeadItem {
  readonly sequence: number;
  readonly period?: Period;
  readonly version?: number;
  readonly manifestKey?: string;
  readonly manifestSha256?: string;
  readonly pending?: PendingLink;
}

export interface ReportRepositoryOptions {
  /**
   * How long a render may hold the chain before another may complete or abandon its work. Longer
   * than any function timeout, so a live render never loses it; the hold itself lasts only for one
   * S3 PUT and two table writes.
   */
  readonly leaseMs?: number;
  /** How long `publish` waits for another render's hold to end before giving up (ReportChainBusyError). */
  readonly waitForChainMs?: number;
  readonly pollMs?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
}

const DEFAULTS = {
  leaseMs: 15 * 60_000,
  waitForChainMs: 30_000,
  pollMs: 250,
  sleep: (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)),
};

const HEAD_KEY = { pk: itemKeys.chain, sk: itemKeys.chainHead };

/**
 * Reports in the reports bucket under `reports/<period>/v<NNNN>/`, indexed in the table.
 *
 * Publishing order, so that a crash at any step leaves either no new visible report or a complete
 * one (docs/reports.md):
 *  1. claim the next version number of the period (`REPORT#p` / `CLAIM#v`, conditional put) — the
 *     version's keys now belong to this render alone, so nothing is ever overwritten;
 *  2. put the PDF, the workbook and the HTML under those keys — invisible, nothing points at them;
 *  3. hold the chain: set `pending` on `CHAIN` / `HEAD` with a conditional write (no other
 *     pending, head still at sequence n) — this fixes the previous manifest and sequence n+1;
 *  4. put manifest.json, last, naming every file's hash and the previous manifest's hash;
 *  5. put the index item (`REPORT#p` / `V#v`, in GSI1 under `REPORTS`) and move the head to the new
 *     manifest, clearing `pending` (conditional on still holding it).
 * A render that dies holding the chain blocks others until its lease expires; the next render then
 * completes its work if its manifest was stored (steps 5 from the manifest) or abandons it if not.
 */
export class DynamoDbReportRepository implements ReportRepository {
  private readonly options: typeof DEFAULTS;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly objects: ObjectStore,
    options: ReportRepositoryOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  async publish(draft: ReportDraft, now: Date): Promise<ReportRecord> {
    // 1. A version number of our own.
    const version = await this.claimVersion(draft.period, now);

    // 2. The files, in a fixed order.
    const files: ManifestFile[] = [];
    for (const spec of REPORT_FILES) {
      const file = draft.files.find((candidate) => candidate.name === spec.name);
      if (!file) throw new Error(`the draft of ${draft.period} has no ${spec.name}`);
      const key = reportKey(draft.period, version, file.name);
      const sha256 = sha256Hex(file.bytes);
      await this.objects.put(key, file.bytes, { contentType: file.contentType, metadata: { sha256 } });
      files.push({ name: file.name, key, contentType: file.contentType, size: file.bytes.length, sha256 });
    }

    // 3. Our place in the chain.
    const manifestKey = reportKey(draft.period, version, MANIFEST_FILE.name);
    const owner = randomUUID();
    const { sequence, previous } = await this.holdChain(
      { owner, period: draft.period, version, manifestKey },
      now,
    );

    try {
      // 4. The manifest, last.
      const manifest: ReportManifest = {
        schemaVersion: REPORT_MANIFEST_SCHEMA_VERSION,
        kind: REPORT_MANIFEST_KIND,
        period: draft.period,
        version,
        generatedAt: draft.generatedAt,
        snapshot: draft.snapshot,
        catalog: draft.catalog,
        softwareVersion: draft.softwareVersion,
        renderOptions: draft.renderOptions,
        files,
        submissions: draft.submissions,
        carriedForwardFrom: draft.carriedForwardFrom,
        chain: { sequence, previous },
      };
      const bytes = manifestBytes(manifest);
      const manifestSha256 = sha256Hex(bytes);
      await this.objects.put(manifestKey, bytes, {
        contentType: MANIFEST_FILE.contentType,
        metadata: { sha256: manifestSha256 },
      });

      // 5. Visible: the index item, then the head.
      const record = recordOf(manifest, manifestKey, manifestSha256, now);
      await this.putIndex(record);
      await this.advanceHead(record, owner);
      return record;
    } catch (error) {
      // Finish or give back our hold at once rather than leave it to expire; if even that fails,
      // the lease expiry lets the next render do it.
      const outcome = await this.settle(
        { owner, period: draft.period, version, sequence, manifestKey, leaseExpiresAt: '' },
        now,
      ).catch(() => undefined);
      if (outcome?.kind === 'completed') return outcome.record;
      throw error;
    }
  }

  private async claimVersion(period: Period, now: Date): Promise<number> {
    const last = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': itemKeys.report(period), ':prefix': itemKeys.reportClaimPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    let version = ((last.Items?.[0]?.version as number | undefined) ?? 0) + 1;
    for (;;) {
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: itemKeys.report(period),
              sk: itemKeys.reportClaim(version),
              entity: 'ReportVersionClaim',
              version,
              claimedAt: now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return version;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        version += 1;
      }
    }
  }

  private async readHead(): Promise<HeadItem | undefined> {
    const result = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: HEAD_KEY, ConsistentRead: true }),
    );
    return result.Item as HeadItem | undefined;
  }

  private async holdChain(
    claim: Omit<PendingLink, 'sequence' | 'leaseExpiresAt'>,
    now: Date,
  ): Promise<{ sequence: number; previous: ChainLink | null }> {
    const leaseExpiresAt = new Date(now.getTime() + this.options.leaseMs).toISOString();
    let waited = 0;
    for (;;) {
      const head = await this.readHead();
      if (head?.pending) {
        if (head.pending.leaseExpiresAt <= now.toISOString()) {
          await this.settle(head.pending, now);
          continue;
        }
        if (waited >= this.options.waitForChainMs)
          throw new ReportChainBusyError(
            `another render (${head.pending.period} v${head.pending.version}) is publishing; try again shortly`,
          );
        await this.options.sleep(this.options.pollMs);
        waited += this.options.pollMs;
        continue;
      }
      const sequence = (head?.sequence ?? 0) + 1;
      const pending: PendingLink = { ...claim, sequence, leaseExpiresAt };
      try {
        if (head === undefined) {
          await this.documents.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...HEAD_KEY, entity: 'ReportChainHead', sequence: 0, pending },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } else {
          await this.documents.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: HEAD_KEY,
              UpdateExpression: 'SET #pending = :pending',
              ConditionExpression: 'attribute_not_exists(#pending) AND #sequence = :sequence',
              ExpressionAttributeNames: { '#pending': 'pending', '#sequence': 'sequence' },
              ExpressionAttributeValues: { ':pending': pending, ':sequence': head.sequence },
            }),
          );
        }
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        continue;
      }
      const previous =
        head && head.sequence > 0 && head.period && head.version && head.manifestKey && head.manifestSha256
          ? { period: head.period, version: head.version, key: head.manifestKey, sha256: head.manifestSha256 }
          : null;
      return { sequence, previous };
    }
  }

  /**
   * Ends a hold on the chain: completes the publication when its manifest was stored and links to
   * the current head, abandons it otherwise (its files stay, unlisted, under their own keys).
   */
  private async settle(
    pending: PendingLink,
    now: Date,
  ): Promise<{ kind: 'completed'; record: ReportRecord } | { kind: 'abandoned' }> {
    const head = await this.readHead();
    if (head?.pending?.owner !== pending.owner) {
      // Someone settled it already; report what they did.
      const record = await this.record(pending.period, pending.version);
      return record ? { kind: 'completed', record } : { kind: 'abandoned' };
    }
    const stored = await this.objects.head(pending.manifestKey);
    if (stored) {
      const bytes = await this.objects.get(pending.manifestKey);
      const manifest = parseManifest(bytes);
      const expectedPrevious = head.sequence > 0 ? (head.manifestSha256 ?? null) : null;
      if (
        manifest.chain.sequence === head.sequence + 1 &&
        (manifest.chain.previous?.sha256 ?? null) === expectedPrevious
      ) {
        const record = recordOf(manifest, pending.manifestKey, sha256Hex(bytes), now);
        await this.putIndex(record);
        await this.advanceHead(record, pending.owner);
        return { kind: 'completed', record };
      }
    }
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: HEAD_KEY,
        UpdateExpression: 'REMOVE #pending',
        ConditionExpression: '#pending.#owner = :owner',
        ExpressionAttributeNames: { '#pending': 'pending', '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': pending.owner },
      }),
    );
    return { kind: 'abandoned' };
  }

  private async putIndex(record: ReportRecord): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: itemKeys.report(record.period),
            sk: itemKeys.version(record.version),
            [GSI1.partitionKey.name]: itemKeys.allReports,
            [GSI1.sortKey.name]: itemKeys.periodVersion(record.period, record.version),
            entity: 'Report',
            record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.record(record.period, record.version);
      if (existing?.manifestSha256 !== record.manifestSha256)
        throw new Error(
          `report ${record.period} v${record.version} is already indexed with another manifest`,
        );
    }
  }

  private async advanceHead(record: ReportRecord, owner: string): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: HEAD_KEY,
          UpdateExpression:
            'SET #sequence = :sequence, #period = :period, #version = :version, manifestKey = :key, manifestSha256 = :sha REMOVE #pending',
          ConditionExpression: '#pending.#owner = :owner',
          ExpressionAttributeNames: {
            '#sequence': 'sequence',
            '#period': 'period',
            '#version': 'version',
            '#pending': 'pending',
            '#owner': 'owner',
          },
          ExpressionAttributeValues: {
            ':sequence': record.sequence,
            ':period': record.period,
            ':version': record.version,
            ':key': record.manifestKey,
            ':sha': record.manifestSha256,
            ':owner': owner,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Our hold expired and another render completed our publication for us: that is fine.
      const head = await this.readHead();
      if (!head || head.sequence < record.sequence)
        throw new Error(`lost the report chain while publishing ${record.period} v${record.version}`);
    }
  }

  private async record(period: Period, version: number): Promise<ReportRecord | undefined> {
    const result = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: itemKeys.report(period), sk: itemKeys.version(version) },
        ConsistentRead: true,
      }),
    );
    return result.Item?.record as ReportRecord | undefined;
  }

  async versions(period: Period): Promise<ReportRecord[]> {
    return versionRecords<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async latest(period: Period): Promise<ReportRecord | undefined> {
    return latestVersionRecord<ReportRecord>(this.documents, this.tableName, itemKeys.report(period));
  }

  async inRange(from: Period, to: Period): Promise<ReportRecord[]> {
    const items = await queryAllItems(this.documents, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey.name, '#sk': GSI1.sortKey.name },
      ExpressionAttributeValues: { ':pk': itemKeys.allReports, ':from': `${from}#`, ':to': `${to}#~` },
    });
    return items.map((item) => item.record as ReportRecord);
  }

  async chainHead(): Promise<ChainHead | undefined> {
    const head = await this.readHead();
    if (
      !head ||
      head.sequence === 0 ||
      !head.period ||
      !head.version ||
      !head.manifestKey ||
      !head.manifestSha256
    )
      return undefined;
    return {
      sequence: head.sequence,
      period: head.period,
      version: head.version,
      manifestKey: head.manifestKey,
      manifestSha256: head.manifestSha256,
    };
  }

  async pendingPublication(): Promise<PendingPublication | undefined> {
    const pending = (await this.readHead())?.pending;
    if (!pending) return undefined;
    return {
      period: pending.period,
      version: pending.version,
      sequence: pending.sequence,
      leaseExpiresAt: pending.leaseExpiresAt,
    };
  }

  async readFile(record: ReportRecord, name: ReportFileName): Promise<Buffer> {
    const file = record.files.find((candidate) => candidate.name === name);
    if (!file) throw new Error(`report ${record.period} v${record.version} has no ${name}`);
    const bytes = await this.objects.get(file.key);
    const actual = sha256Hex(bytes);
    if (actual !== file.sha256)
      throw new IntegrityError(
        `${file.key} has SHA-256 ${actual}, but report ${record.period} v${record.version} recorded ${file.sha256}: it was altered`,
      );
    return bytes;
  }

  async readManifest(record: ReportRecord): Promise<ReportManifest> {
    const bytes = await this.objects.get(record.manifestKey);
    const actual = sha256Hex(bytes);
    if (actual !== record.manifestSha256)
      throw new IntegrityError(
        `${record.manifestKey} has SHA-256 ${actual}, but the report index recorded ${record.manifestSha256}: it was altered`,
      );
    return parseManifest(bytes);
  }

  async fileUrl(
    record: ReportRecord,
    name: ReportFileName | typeof MANIFEST_FILE.name,
    expiresInSeconds: number,
  ): Promise<string> {
    const key =
      name === MANIFEST_FILE.name
        ? record.manifestKey
        : record.files.find((candidate) => candidate.name === name)?.key;
    if (!key) throw new Error(`report ${record.period} v${record.version} has no ${name}`);
    const extension = name.slice(name.lastIndexOf('.'));
    const stem = name.slice(0, name.lastIndexOf('.'));
    return this.objects.presignGet(key, expiresInSeconds, {
      downloadName: `strategy-${stem}-${record.period}-v${String(record.version).padStart(4, '0')}${extension}`,
    });
  }
}

function recordOf(
  manifest: ReportManifest,
  manifestKey: string,
  manifestSha256: string,
  now: Date,
): ReportRecord {
  return {
    period: manifest.period as Period,
    version: manifest.version,
    sequence: manifest.chain.sequence,
    manifestKey,
    manifestSha256,
    previousManifestSha256: manifest.chain.previous?.sha256 ?? null,
    generatedAt: manifest.generatedAt,
    publishedAt: now.toISOString(),
    snapshot: manifest.snapshot,
    catalog: manifest.catalog,
    softwareVersion: manifest.softwareVersion,
    files: manifest.files,
  };
}
