/**
 * `#plan-summary` (what tests and automation read: status, objective, backend, both carbon
 * figures, generation, and which pass drew the plan) and the list of demands an outage strands.
 */
import type { Plan } from '../../src/plan/types.js';
import type { StrandedDemand } from './edit.js';
import type { SolvePass } from './protocol.js';

export const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** "within 0.064%": decompose's proved gap, as the quick pass's label says it. */
export const gapText = (p: Plan): string => (p.solver.gap === undefined ? '' : `within ${(p.solver.gap * 100).toPrecision(2)}%`);

/**
 * Draws a plan into `#plan-summary`. A quick-pass plan (decompose, drawn while the exact one is
 * solved) gets `data-exact="false"`, keeps `aria-busy` and says "refining…"; the exact pass's plan
 * gets `data-exact="true"` and clears `aria-busy`.
 */
export function drawSummary(s: HTMLElement, p: Plan, gen: number, pass: SolvePass, wallMs: number, strandedUnitHours: number): void {
  s.dataset['status'] = p.status;
  s.dataset['objective'] = p.objective === null ? '' : String(p.objective);
  s.dataset['backend'] = p.solver.backend;
  s.dataset['marketTonnes'] = p.carbon ? String(p.carbon.marketTonnes) : '';
  s.dataset['locationTonnes'] = p.carbon ? String(p.carbon.locationTonnes) : '';
  s.dataset['generation'] = String(gen);
  s.dataset['exact'] = String(pass === 'exact');
  s.dataset['solveMs'] = String(p.solver.ms);
  if (pass === 'exact') s.removeAttribute('aria-busy');
  else s.setAttribute('aria-busy', 'true');
  const unmet = p.unmet.reduce((a, u) => a + u.amount, 0);
  const head = pass === 'quick' ? `${p.status}, ${gapText(p)} of the optimum, refining…` : `${p.status}`;
  s.replaceChildren(
    Object.assign(document.createElement('strong'), { textContent: head }),
    document.createTextNode(
      ` · objective ${p.objective === null ? '—' : `${fmt(p.objective / 1e6, 3)} M CNY`}` +
        (p.carbon ? ` · carbon ${fmt(p.carbon.marketTonnes)} t market-based, ${fmt(p.carbon.locationTonnes)} t location-based` : '') +
        ` · unmet ${fmt(unmet)} unit-h${strandedUnitHours > 0 ? ` (+ ${fmt(strandedUnitHours)} stranded by the outage, below)` : ''} · backend ${p.solver.backend}${p.solver.gap !== undefined ? ` (gap ${(p.solver.gap * 100).toFixed(3)}%)` : ''} · solved in ${fmt(p.solver.ms)} ms (${fmt(wallMs)} ms in the worker)`,
    ),
  );
  const msg = document.createElement('div');
  msg.className = 'reason';
  msg.textContent = pass === 'quick' ? `Drawn first: the Lagrangian decomposition's plan (${p.message}); the exact plan replaces it when it arrives.` : `${p.message} ${p.solver.reason}`;
  s.appendChild(msg);
}

/** Demands the outage leaves with no cluster in reach: unmet for as long as it lasts. */
export function drawStranded(host: HTMLElement, stranded: readonly StrandedDemand[], offline: readonly string[]): void {
  host.dataset['count'] = String(stranded.length);
  if (stranded.length === 0) {
    host.replaceChildren();
    return;
  }
  const uh = stranded.reduce((a, d) => a + d.unitHours, 0);
  const pen = stranded.reduce((a, d) => a + d.penalty, 0);
  host.replaceChildren(
    Object.assign(document.createElement('p'), {
      textContent: `While ${offline.join(', ')} ${offline.length > 1 ? 'are' : 'is'} offline, ${stranded.length} demand${stranded.length > 1 ? 's have' : ' has'} no cluster within ${stranded.length > 1 ? 'their' : 'its'} latency limit: ${fmt(uh)} unit-h unmet, penalty ${fmt(pen / 1e6, 3)} M CNY (not in the solved objective above): ${stranded.map((d) => d.id).join(', ')}.`,
    }),
  );
}
