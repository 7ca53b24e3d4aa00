/** A small line icon for an activity's family, so a graph reads at a glance: calls, data, shell, waits, messages, flow, humans. */
export function ActivityIcon({ activity }: { activity: string }) {
  const family = familyOf(activity);
  return (
    <svg className="activity-icon" width="16" height="16" viewBox="0 0 16 16" role="img" aria-label={family} data-activity-family={family}>
      <title>{family}</title>
      <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">{shapes[family]}</g>
    </svg>
  );
}

type Family = 'call' | 'data' | 'shell' | 'wait' | 'message' | 'flow' | 'human' | 'step';

function familyOf(activity: string): Family {
  if (activity === 'approval') return 'human';
  if (activity.startsWith('http')) return 'call';
  if (activity.startsWith('sql') || activity === 'set' || activity.startsWith('transform')) return 'data';
  if (activity.startsWith('shell') || activity.startsWith('script')) return 'shell';
  if (activity.startsWith('wait')) return 'wait';
  if (activity.startsWith('notify') || activity.startsWith('email') || activity.startsWith('slack')) return 'message';
  if (['parallel', 'join', 'runbook', 'switch', 'foreach'].includes(activity)) return 'flow';
  return 'step';
}

const shapes: Record<Family, React.ReactNode> = {
  call: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M2 8h12M8 2c2 2 2 10 0 12M8 2c-2 2-2 10 0 12" />
    </>
  ),
  data: (
    <>
      <ellipse cx="8" cy="4" rx="5" ry="2" />
      <path d="M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
    </>
  ),
  shell: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M4 6l2 2-2 2M8 10h4" />
    </>
  ),
  wait: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  message: <path d="M2 4h12v8H2zM2 4l6 5 6-5" />,
  flow: (
    <>
      <circle cx="4" cy="3.5" r="1.5" />
      <circle cx="4" cy="12.5" r="1.5" />
      <circle cx="12" cy="8" r="1.5" />
      <path d="M4 5v6M5.5 4.5C9 5 10.5 6 10.5 8M5.5 11.5C9 11 10.5 10 10.5 8" />
    </>
  ),
  human: (
    <>
      <circle cx="8" cy="5" r="2.5" />
      <path d="M3 14c.5-3 2.5-4.5 5-4.5s4.5 1.5 5 4.5" />
    </>
  ),
  step: <rect x="3" y="3" width="10" height="10" rx="2" />,
};
