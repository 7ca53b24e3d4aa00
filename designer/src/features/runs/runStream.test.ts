import { describe, expect, it } from 'vitest';
import { followRun, type EventSourceLike } from './runStream';

class FakeSource implements EventSourceLike {
  readyState = 1;
  onerror: EventSourceLike['onerror'] = null;
  closed = false;
  private listeners = new Map<string, ((ev: MessageEvent) => void)[]>();

  constructor(public url: string) {}

  addEventListener(type: string, listener: (ev: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data: unknown, id = '') {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }));
  }

  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.call(this, new Event('error'));
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const scheduled: { run: () => void; ms: number }[] = [];
  const runs: unknown[] = [];
  const ends: string[] = [];
  const stop = followRun('r1', (run) => runs.push(run), (status) => ends.push(status), {
    open: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    schedule: (run, ms) => scheduled.push({ run, ms }),
  });
  return { sources, scheduled, runs, ends, stop };
}

describe('followRun', () => {
  it('opens the run stream and passes each new state on', () => {
    const h = harness();

    h.sources[0].emit('run', { status: 'waiting' }, 'v1');
    h.sources[0].emit('run', { status: 'running' }, 'v2');

    expect(h.sources[0].url).toBe('/api/runs/r1/stream');
    expect(h.runs).toEqual([{ status: 'waiting' }, { status: 'running' }]);
  });

  it('leaves reconnecting to the browser while it is still trying', () => {
    const h = harness();

    h.sources[0].fail(0);

    expect(h.scheduled).toHaveLength(0);
    expect(h.sources).toHaveLength(1);
  });

  it('reconnects with growing backoff when the browser gave up, and skips a state it has seen', () => {
    const h = harness();
    h.sources[0].emit('run', { status: 'waiting' }, 'v1');

    h.sources[0].fail(2);
    h.scheduled[0].run();
    h.sources[1].fail(2);
    h.scheduled[1].run();
    h.sources[2].emit('run', { status: 'waiting' }, 'v1');
    h.sources[2].emit('run', { status: 'succeeded' }, 'v2');

    expect(h.scheduled.map((s) => s.ms)).toEqual([1000, 2000]);
    expect(h.sources).toHaveLength(3);
    expect(h.runs).toEqual([{ status: 'waiting' }, { status: 'succeeded' }]);
  });

  it('stops at the end event and does not reconnect after it', () => {
    const h = harness();

    h.sources[0].emit('end', { status: 'succeeded' });
    h.sources[0].fail(2);

    expect(h.ends).toEqual(['succeeded']);
    expect(h.sources[0].closed).toBe(true);
    expect(h.scheduled).toHaveLength(0);
  });
});
