// Computing with green electricity on the built-in day: what the optimum saves against two
// baselines, the cost–carbon frontier, and a warm-started carbon-price sweep.
// Run after `npm run build`: node examples/green-shift.mjs
import { compareStrategies, costOnlyScenario, paretoFrontier, scenarios, sweep, verifyPlan } from 'suanflow';

const scenario = scenarios.eastDataWestComputing;

const c = await compareStrategies(scenario, { includePlans: false });
for (const s of Object.values(c.strategies)) {
  console.log(`${s.name.padEnd(9)} cost ${s.metrics.totalCost.toFixed(0).padStart(12)} CNY, market CO2 ${s.metrics.marketTonnes.toFixed(0)} t`);
}

const { frontiers } = await paretoFrontier(scenario, { points: 4, includePlans: false });
for (const p of frontiers[0].points) {
  console.log(`frontier: ${p.carbonTonnes.toFixed(0)} t at ${p.cost.toFixed(0)} CNY${p.mac === null ? '' : `, MAC ${p.mac.toFixed(0)} CNY/t`}`);
}

// Without green supply the day is a network at every carbon price: one formulation, warm starts.
const network = { ...costOnlyScenario(scenario), sites: scenario.sites.map(({ greenSupplyMW, ...s }) => s) };
const prices = [0, 100, 200, 400, 800];
const r = await sweep(network, { carbonPrice: prices });
console.log(`sweep: ${r.warm ? 'warm' : 'cold'}, ${r.ms.toFixed(0)} ms for ${prices.length} prices`);
for (const { carbonPerTonne, plan } of r.points) {
  const ok = verifyPlan({ ...network, prices: { ...network.prices, carbonPerTonne } }, plan).ok;
  console.log(`  ${String(carbonPerTonne).padStart(4)} CNY/t: ${plan.carbon.marketTonnes.toFixed(0)} t, verified ${ok ? 'yes' : 'no'}`);
}
