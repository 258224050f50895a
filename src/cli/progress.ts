// A one-line progress bar on a terminal (stderr), redrawn at most every 100 ms and cleared cleanly at
// the end. Off when stderr is not a terminal, so pipes and logs get only the final line.

/** What the bar shows. */
export interface BarState {
  /** Done so far (items or bytes). */
  done: number;
  /** The total, when known. */
  total: number | undefined;
  /** Extra text after the figures (rate, in flight, ETA…). */
  detail?: string;
}

const WIDTH = 28;

/** Formats ms as `1:05` or `1:02:03`. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Bytes as `12.3 MB`. */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** The bar line for a state (no terminal codes). */
export function barLine(s: BarState, unit: (n: number) => string = String): string {
  const frac = s.total ? Math.min(1, s.done / s.total) : undefined;
  const filled = frac === undefined ? 0 : Math.round(frac * WIDTH);
  const bar =
    frac === undefined
      ? ''
      : `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
  const count = s.total === undefined ? unit(s.done) : `${unit(s.done)}/${unit(s.total)}`;
  return `${bar}${count}${s.detail ? ` · ${s.detail}` : ''}`;
}

/** A progress bar on `stream` (default stderr). */
export class ProgressBar {
  private last = 0;
  private drawn = false;
  private readonly tty: boolean;

  constructor(
    private readonly unit: (n: number) => string = String,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = stream.isTTY === true;
  }

  /** Redraws (throttled) with the latest state. */
  update(s: BarState, force = false): void {
    if (!this.tty) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const cols = this.stream.columns || 100;
    this.stream.write(`\r\x1b[2K${barLine(s, this.unit).slice(0, cols - 1)}`);
    this.drawn = true;
  }

  /** Clears the bar and prints `summary` on its own line. */
  end(summary: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${summary}\n`);
  }
}
