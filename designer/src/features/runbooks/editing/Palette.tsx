import type { ActivityInfo } from '../../../api/types';
import { ActivityIcon } from '../nodes/ActivityIcon';

/** The order groups appear in; a group a new activity brings goes after these. */
const groupOrder = ['calls', 'data', 'control flow', 'humans'];

/** Every activity the server runs, grouped as the server groups them; choosing one adds a step after the selected step. */
export function Palette({ activities, onAdd, after }: { activities: ActivityInfo[]; onAdd: (activity: ActivityInfo) => void; after: string | null }) {
  const groups = [...new Set(activities.map((a) => a.category))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return (
    <nav className="palette" aria-label="Activities">
      <p className="muted">Add a step {after ? `after '${after}'` : 'at the end'}:</p>
      {groups.map((group) => (
        <section key={group}>
          <h3>{group}</h3>
          {activities
            .filter((a) => a.category === group)
            .map((a) => (
              <button key={a.type} type="button" title={a.description} data-activity={a.type} onClick={() => onAdd(a)}>
                <ActivityIcon activity={a.type} /> {a.type}
              </button>
            ))}
        </section>
      ))}
    </nav>
  );
}

function rank(group: string): number {
  const i = groupOrder.indexOf(group);
  return i < 0 ? groupOrder.length : i;
}
