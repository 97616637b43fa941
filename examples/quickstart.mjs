// Solve the built-in nationwide scenario, check the plan independently, print the report.
// Run after `npm run build`: node examples/quickstart.mjs
import { formatPlan, scenarios, solve, verifyPlan } from 'suanflow';

const scenario = scenarios.eastDataWestComputing;
const plan = await solve(scenario, { timeLimitSeconds: 120 });
const check = verifyPlan(scenario, plan);
console.log(formatPlan(scenario, plan));
console.log(`\nverified: ${check.ok ? 'yes' : `no, ${check.violations.length} violations`}`);
