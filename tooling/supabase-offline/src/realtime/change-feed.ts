import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';

/** The publication Supabase creates in every project; `alter publication … add table` opts a table in. */
export const PUBLICATION = 'supabase_realtime';

/** A row's columns in PostgreSQL's text output; `undefined` = an unchanged TOASTed value not in the WAL. */
export type TextRow = Record<string, string | null | undefined>;

export interface RowChange {
  relationOid: number;
  schema: string;
  table: string;
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The transaction's commit time, as Realtime formats it. */
  commitTimestamp: string;
  record: TextRow | null;
  oldRecord: TextRow | null;
}

const POLL_INTERVAL_MS = 100;
const MAX_CHANGES_PER_POLL = 1000;
const RECONNECT_DELAY_MS = 1000;

/**
 * Reads committed changes of the published tables from PostgreSQL's logical decoding, transaction
 * by transaction in commit order, the way Supabase Realtime's Postgres CDC does: a temporary slot
 * on a connection of its own, polled every 100 ms (Realtime's default poll interval) with
 * `pg_logical_slot_get_binary_changes`. pgoutput is built into PostgreSQL (wal2json, which Realtime
 * uses, is an extension the embedded server does not ship); pg-logical-replication decodes it.
 *
 * The same connection then serves the subscribers' RLS checks (`handle` receives it), so values are
 * printed and compared under one session's settings (TimeZone, extra_float_digits).
 */
export class ChangeFeed {
  private client: pg.Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly slot = `supabase_offline_realtime_${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly databaseUrl: string,
    private readonly handle: (changes: RowChange[], client: pg.Client) => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  /** Resolves once the slot exists: every transaction committed after that is delivered. */
  async start(): Promise<void> {
    await this.connect();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // Ending the session drops the temporary slot.
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('error', (error) => {
      if (!this.stopped) this.log(`change feed connection lost (${error.message})`);
    });
    await client.connect();
    // Realtime prints timestamps in UTC; the session's zone decides how WAL values are printed.
    await client.query("set timezone to 'UTC'");
    await client.query("select pg_create_logical_replication_slot($1, 'pgoutput', true)", [this.slot]);
    this.client = client;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    let full: boolean;
    try {
      if (!this.client) await this.connect();
      full = await this.drain(this.client!);
    } catch (error) {
      if (this.stopped) return;
      this.log(`change feed: ${error instanceof Error ? error.message : String(error)}; reconnecting`);
      await this.client?.end().catch(() => undefined);
      this.client = null;
      this.schedule(RECONNECT_DELAY_MS);
      return;
    }
    this.schedule(full ? 0 : POLL_INTERVAL_MS);
  }

  /** Reads what the slot holds, hands over each whole transaction in order; true if more may wait. */
  private async drain(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{ data: Buffer }>(
      `select data from pg_logical_slot_get_binary_changes($1, null, $2,
         'proto_version', '1', 'publication_names', $3)`,
      [this.slot, MAX_CHANGES_PER_POLL, PUBLICATION],
    );
    // A fresh parser per call: pgoutput announces every relation again in each decoding session.
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [PUBLICATION] });
    let pending: RowChange[] = [];
    for (const { data } of rows) {
      const message = plugin.parse(data);
      if (message.tag === 'relation') keepText(message);
      else if (message.tag === 'begin') pending = [];
      else if (message.tag === 'commit') {
        const commitTimestamp = formatCommitTime(message.commitTime);
        for (const change of pending) change.commitTimestamp = commitTimestamp;
        if (pending.length > 0) await this.handle(pending, client);
        pending = [];
      } else {
        const change = toChange(message);
        if (change) pending.push(change);
      }
    }
    return rows.length >= MAX_CHANGES_PER_POLL;
  }
}

// pg-logical-replication parses values with node-postgres' type parsers (Dates, numbers); the
// checks and the payload need PostgreSQL's own text output instead, so values stay as sent.
function keepText(relation: Pgoutput.MessageRelation): void {
  for (const column of relation.columns) column.parser = (raw: unknown) => raw;
}

function toChange(message: Pgoutput.Message): RowChange | null {
  const base = (relation: Pgoutput.MessageRelation) => ({
    relationOid: relation.relationOid,
    schema: relation.schema,
    table: relation.name,
    commitTimestamp: '',
  });
  switch (message.tag) {
    case 'insert':
      return { ...base(message.relation), type: 'INSERT', record: message.new, oldRecord: null };
    case 'update':
      return {
        ...base(message.relation),
        type: 'UPDATE',
        record: message.new,
        oldRecord: message.old ?? message.key,
      };
    case 'delete':
      return {
        ...base(message.relation),
        type: 'DELETE',
        record: null,
        oldRecord: message.old ?? message.key,
      };
    default:
      return null;
  }
}

/** The parser gives Unix microseconds (typed `BigInt`); Realtime sends milliseconds, in UTC. */
function formatCommitTime(commitTime: Pgoutput.MessageCommit['commitTime']): string {
  return new Date(Number(BigInt(commitTime.toString()) / 1000n)).toISOString();
}
