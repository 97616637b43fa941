/** Downloads (scenario, plan JSON, assignments CSV) made in the page from the drawn plan. */
import type { Plan } from '../../src/plan/types.js';
import type { ScenarioView } from './protocol.js';

export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One row per assignment: demand, origin, class, site, hour, amount. */
export function assignmentsCsv(plan: Plan, view: ScenarioView): string {
  const rows = ['demand,origin,class,site,hour,amount'];
  for (const a of plan.assignments) {
    const d = view.demands[a.demand];
    rows.push([a.demand, d?.origin ?? '', d?.class ?? '', a.site, String(a.hour), String(a.amount)].map(csvField).join(','));
  }
  return `${rows.join('\n')}\n`;
}
