import type { Period } from '../../../shared/domain/period';
import type { SnapshotIndex, SnapshotRecord } from '../../../shared/ports/snapshot-index';

/**
 * The snapshot index in memory, with DynamoDbSnapshotIndex's conditions: a version indexed once;
 * an input hash claimed unless a completed save recorded its version. Reads are copies.
 */
export class InMemorySnapshotIndex implements SnapshotIndex {
  private readonly inputs = new Map<string, { version?: number }>();
  private readonly records = new Map<string, SnapshotRecord>();

  async versionOfInputs(period: Period, inputHash: string): Promise<number | undefined> {
    return this.inputs.get(`${period}#${inputHash}`)?.version;
  }

  async claimInputs(period: Period, inputHash: string): Promise<boolean> {
    const key = `${period}#${inputHash}`;
    if (this.inputs.get(key)?.version !== undefined) return false;
    this.inputs.set(key, {});
    return true;
  }

  async setInputsVersion(period: Period, inputHash: string, version: number): Promise<void> {
    this.inputs.set(`${period}#${inputHash}`, { version });
  }

  async putRecord(record: SnapshotRecord): Promise<boolean> {
    const key = `${record.period}#${record.version}`;
    if (this.records.has(key)) return false;
    this.records.set(key, structuredClone(record));
    return true;
  }

  async record(period: Period, version: number): Promise<SnapshotRecord | undefined> {
    const record = this.records.get(`${period}#${version}`);
    return record && structuredClone(record);
  }

  async latest(period: Period): Promise<SnapshotRecord | undefined> {
    return (await this.versions(period)).at(-1);
  }

  async versions(period: Period): Promise<SnapshotRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.period === period)
      .sort((a, b) => a.version - b.version)
      .map((record) => structuredClone(record));
  }

  async latestInRange(from: Period, to: Period): Promise<SnapshotRecord[]> {
    const latest = new Map<string, SnapshotRecord>();
    for (const record of this.records.values()) {
      if (record.period < from || record.period > to) continue;
      const current = latest.get(record.period);
      if (!current || current.version < record.version) latest.set(record.period, record);
    }
    return [...latest.values()]
      .sort((a, b) => a.period.localeCompare(b.period))
      .map((record) => structuredClone(record));
  }
}
