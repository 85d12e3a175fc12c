/**
 * One line per bot turn for the daily report: time, channel, reply kind, topic and cards, search score.
 * No user text is written here (questions that need the content team's attention go to the gaps file, redacted).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface TurnRecord {
  time: string;
  channel: string;
  kind: string;
  topic?: string;
  entries: string[];
  score: number;
}

export interface TrafficRecorder {
  record(turn: TurnRecord): Promise<void>;
}

export class MemoryTrafficRecorder implements TrafficRecorder {
  readonly records: TurnRecord[] = [];
  async record(turn: TurnRecord): Promise<void> {
    this.records.push(turn);
  }
}

/** Appends JSON lines, batched in memory and written at most every `flushMs` (one write per batch). */
export class JsonlTrafficRecorder implements TrafficRecorder {
  private buffer: string[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly flushMs = 1000,
  ) {}

  async record(turn: TurnRecord): Promise<void> {
    this.buffer.push(JSON.stringify(turn));
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref?.();
  }

  /** Writes what is buffered; resolves when it is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.buffer;
    this.buffer = [];
    if (lines.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true });
        await appendFile(this.file, `${lines.join('\n')}\n`);
      } catch (err) {
        this.onError(err);
      }
    });
    return this.writing;
  }
}
