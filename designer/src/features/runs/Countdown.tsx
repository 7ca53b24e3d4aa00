import { useEffect, useState } from 'react';

function left(until: string, now: number): string {
  const ms = Math.max(0, new Date(until).getTime() - now);
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

/** Time left until an instant, ticking every second in the browser (a clock, not a request). */
export function Countdown({ until, label }: { until: string; label: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="countdown" data-countdown>
      {label} {left(until, now)}
    </div>
  );
}
