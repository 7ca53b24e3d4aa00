/** The part of the browser's EventSource the run stream uses, so tests can drive it. */
export interface EventSourceLike {
  readyState: number;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface RunStreamOptions {
  /** How to open a connection; the browser's EventSource by default. */
  open?: EventSourceFactory;
  /** Delays before reconnecting after the browser gave up on a connection: 1 s, 2 s, 4 s … at most 30 s. */
  backoff?: (attempt: number) => number;
  schedule?: (run: () => void, ms: number) => unknown;
}

const CLOSED = 2;

/**
 * Follows `GET /api/runs/{id}/stream`: calls `onRun` with each new state of the run and `onEnd` when it has finished. The
 * browser's EventSource reconnects by itself after a dropped connection, sending Last-Event-ID so nothing seen is sent
 * again. When it gives up (the server was down, or answered an error), this opens a new stream after a backoff; the server
 * then sends the current state first, and a version already passed on is skipped. Returns a function that stops following.
 */
export function followRun(runId: string, onRun: (run: unknown, version: string) => void, onEnd: (status: string) => void, options: RunStreamOptions = {}): () => void {
  const open = options.open ?? ((url: string) => new EventSource(url, { withCredentials: true }) as unknown as EventSourceLike);
  const backoff = options.backoff ?? ((attempt: number) => Math.min(30_000, 1000 * 2 ** attempt));
  const schedule = options.schedule ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let stopped = false;
  let attempt = 0;
  let lastVersion: string | null = null;
  let source: EventSourceLike | null = null;

  const connect = () => {
    if (stopped) return;
    source = open(`/api/runs/${encodeURIComponent(runId)}/stream`);
    source.addEventListener('run', (event) => {
      attempt = 0;
      if (event.lastEventId && event.lastEventId === lastVersion) return;
      lastVersion = event.lastEventId;
      onRun(JSON.parse(event.data), event.lastEventId);
    });
    source.addEventListener('end', (event) => {
      stopped = true;
      source?.close();
      onEnd(JSON.parse(event.data).status);
    });
    source.onerror = () => {
      // CONNECTING: the browser is reconnecting by itself. CLOSED: it gave up; try again later ourselves.
      if (stopped || source?.readyState !== CLOSED) return;
      source.close();
      schedule(connect, backoff(attempt++));
    };
  };
  connect();
  return () => {
    stopped = true;
    source?.close();
  };
}
