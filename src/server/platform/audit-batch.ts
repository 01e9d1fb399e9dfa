import type { Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';

/** At most this many rows in one insert (11 parameters a row: far below either database's limit). */
const MAX_ROWS = 100;

interface Waiting {
  row: AuditLogTable;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Audit rows written outside a transaction (the rows of reads: a profile opened, a conversation
 * read) by the requests of one turn of the event loop go to the database together, in one insert
 * and so one commit, on the next turn. Each writer is answered only once its row is committed, so
 * a request still answers after its row exists; if the insert fails, each row is written alone, so
 * only a request whose own row cannot be written fails. Rows inside a transaction never come here:
 * they belong to it.
 */
class AuditBatch {
  private waiting: Waiting[] = [];

  constructor(private readonly db: Db) {}

  write(row: AuditLogTable): Promise<void> {
    return new Promise((written, failed) => {
      this.waiting.push({ row, written, failed });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    for (let start = 0; start < batch.length; start += MAX_ROWS) {
      await this.insert(batch.slice(start, start + MAX_ROWS));
    }
  }

  private async insert(batch: Waiting[]): Promise<void> {
    try {
      await this.db
        .insertInto('audit_log')
        .values(batch.map((waiting) => waiting.row))
        .execute();
      for (const waiting of batch) waiting.written();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.failed(error);
        return;
      }
      for (const waiting of batch) await this.insert([waiting]);
    }
  }
}

const batches = new WeakMap<Db, AuditBatch>();

/** Writes an audit row outside a transaction, with the rows other requests write in the same turn. */
export function writeAuditRow(db: Db, row: AuditLogTable): Promise<void> {
  let batch = batches.get(db);
  if (!batch) {
    batch = new AuditBatch(db);
    batches.set(db, batch);
  }
  return batch.write(row);
}
