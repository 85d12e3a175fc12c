/**
 * Questions the bot could not answer well (fallback, clarify, 👎), recorded for the content team.
 * Text is redacted before it is written. JSONL file by default; an in-memory recorder for tests.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Redis from 'ioredis';
import { readJsonl } from './jsonl';
import { redact } from './privacy';

export interface GapRecord {
  time: string;
  kind: 'fallback' | 'clarify' | 'feedback_down' | 'no_card' | 'clarify_none';
  channel: string;
  text: string;
  /** Best-guess topic (from the nearest card), if any. */
  topic?: string;
  entries?: string[];
}

export interface GapRecorder {
  record(gap: GapRecord): Promise<void>;
}

/** Where a deployment keeps its recorded questions: it records, reads them all back and deletes the old ones. */
export interface GapStore extends GapRecorder {
  all(): Promise<GapRecord[]>;
  /** Deletes records older than `days`; resolves with how many were removed. */
  prune(days: number): Promise<number>;
}

/** Redacts personal data from a text before it is stored (local rules by default). */
export type Redactor = (text: string) => string | Promise<string>;

export class MemoryGapRecorder implements GapRecorder {
  readonly records: GapRecord[] = [];
  constructor(private readonly redactText: Redactor = redact) {}

  async record(gap: GapRecord): Promise<void> {
    this.records.push({ ...gap, text: await this.redactText(gap.text) });
  }
}

/** Appends one JSON object per line; failures are reported to `onError`, never thrown into a conversation. */
export class JsonlGapRecorder implements GapStore {
  constructor(
    private readonly file: string,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly redactText: Redactor = redact,
  ) {}

  async record(gap: GapRecord): Promise<void> {
    try {
      const text = await this.redactText(gap.text);
      await mkdir(dirname(this.file), { recursive: true });
      // Created readable by the owner only: it holds citizens' (redacted) questions.
      await appendFile(this.file, `${JSON.stringify({ ...gap, text })}\n`, { mode: 0o600 });
    } catch (err) {
      this.onError(err);
    }
  }

  all(): Promise<GapRecord[]> {
    return readJsonl<GapRecord>(this.file);
  }

  prune(days: number): Promise<number> {
    return pruneGaps(this.file, days);
  }
}

/**
 * Deletes recorded questions older than `days` from a JSONL gaps file (atomic rewrite). Lines that cannot be read
 * are kept, so nothing is lost by mistake. Resolves with how many records were removed.
 */
export async function pruneGaps(file: string, days: number, now = Date.now()): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 0;
  }
  const cutoff = now - days * 86_400_000;
  let removed = 0;
  const kept = text.split('\n').filter((line) => {
    if (!line.trim()) return false;
    try {
      const t = Date.parse((JSON.parse(line) as { time?: string }).time ?? '');
      if (Number.isFinite(t) && t < cutoff) {
        removed++;
        return false;
      }
    } catch {
      // keep unreadable lines
    }
    return true;
  });
  if (removed === 0) return 0;
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, kept.length ? `${kept.join('\n')}\n` : '', { mode: 0o600 });
  await rename(tmp, file);
  return removed;
}

/** Recorded questions in a Redis list (shared by every replica), oldest first. */
export class RedisGapRecorder implements GapStore {
  constructor(
    private readonly redis: Redis,
    private readonly redactText: Redactor = redact,
    private readonly key = 'gaps',
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async record(gap: GapRecord): Promise<void> {
    try {
      await this.redis.rpush(this.key, JSON.stringify({ ...gap, text: await this.redactText(gap.text) }));
    } catch (err) {
      this.onError(err);
    }
  }

  async all(): Promise<GapRecord[]> {
    const items = await this.redis.lrange(this.key, 0, -1);
    return items.flatMap((s) => {
      try {
        return [JSON.parse(s) as GapRecord];
      } catch {
        return [];
      }
    });
  }

  /** Deletes records older than `days` from the head of the list. */
  async prune(days: number, now = Date.now()): Promise<number> {
    const cutoff = now - days * 86_400_000;
    let removed = 0;
    for (;;) {
      const head = await this.redis.lindex(this.key, 0);
      if (!head) break;
      let t = Number.NaN;
      try {
        t = Date.parse((JSON.parse(head) as GapRecord).time);
      } catch {
        // unreadable head: keep
      }
      if (!(t < cutoff)) break;
      await this.redis.lpop(this.key);
      removed++;
    }
    return removed;
  }
}

/**
 * How many unanswered questions of one user a day reach the report, so that nobody can flood it: in this process's
 * memory, or in Redis so that the cap holds across replicas. Users are counted under a hash of their id.
 */
export interface GapQuota {
  /** Counts one record for `user` on `day` (YYYY-MM-DD); false once the user is over the cap. */
  take(user: string, day: string): Promise<boolean>;
}

const userHash = (user: string): string => createHash('sha256').update(user).digest('base64url').slice(0, 22);

export class MemoryGapQuota implements GapQuota {
  private day = '';
  private counts = new Map<string, number>();
  constructor(readonly perDay = 20) {}

  async take(user: string, day: string): Promise<boolean> {
    if (day !== this.day) {
      this.day = day;
      this.counts = new Map();
    }
    const key = userHash(user);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perDay;
  }
}

export class RedisGapQuota implements GapQuota {
  constructor(
    private readonly redis: Redis,
    readonly perDay = 20,
    private readonly prefix = 'gapq:',
  ) {}

  async take(user: string, day: string): Promise<boolean> {
    const key = `${this.prefix}${day}:${userHash(user)}`;
    const [[, n]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, 2 * 86_400)
      .exec()) as [[Error | null, number]];
    return n <= this.perDay;
  }
}
