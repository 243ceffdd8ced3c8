// Swiss place names as shoppers type them (not part of npm test): every query of the place search's table
// (crates/places/data/queries.json: exonyms in four languages, typos, abbreviations, ranking) sent to the demo
// proxy's GET /v1/localities, as the widget sends it; prints, per group and in all, how many find their place
// first (and show the other name typed beside it), and which do not.
// Run: npm run bench:places   (SWISS_CHECKOUT_PROXY_BIN=another/binary to measure another build)
import fs from 'node:fs';
import path from 'node:path';
import { root, startProxy } from '../tests/e2e/harness.mjs';

const table = JSON.parse(fs.readFileSync(path.join(root, 'crates/places/data/queries.json'), 'utf8'));
const proxy = await startProxy({ SWISS_CHECKOUT_RATE_PER_SECOND: '0' });
const groups = new Map();
const misses = [];
try {
  for (const { typed, first, other_name: otherName, group } of table.queries) {
    const response = await fetch(`${proxy.url}/v1/localities?q=${encodeURIComponent(typed)}`);
    const { localities = [] } = response.ok ? await response.json() : {};
    const top = localities[0];
    const got = top ? `${top.postcode} ${top.town}` : '(nothing)';
    const found = got === first && (top?.other_name ?? null) === (otherName ?? null);
    const tally = groups.get(group) ?? { found: 0, all: 0 };
    tally.all += 1;
    tally.found += found ? 1 : 0;
    groups.set(group, tally);
    if (!found) misses.push(`  ${JSON.stringify(typed)}: ${got}${top?.other_name ? ` (${top.other_name})` : ''}; want ${first}${otherName ? ` (${otherName})` : ''}`);
  }
} finally {
  await proxy.stop();
}
let total = 0;
for (const [group, { found, all }] of groups) {
  total += found;
  console.log(`${String(found).padStart(3)} of ${String(all).padEnd(3)} ${group}`);
}
console.log(`${String(total).padStart(3)} of ${table.queries.length} queries find their place first`);
if (misses.length) console.log(`not first:\n${misses.join('\n')}`);
