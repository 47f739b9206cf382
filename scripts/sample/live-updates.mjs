#!/usr/bin/env node
// Appends an update to the sample live blog every few seconds, so a developer can watch a
// live page update by itself while `scripts/serve` runs (docs/content-api.md §7):
//
//   scripts/serve                                   # one terminal
//   node scripts/sample/live-updates.mjs [DIST] [SECONDS]  # another: dist/ and 20 by default
//
// then open http://127.0.0.1:8080/world/north-sea-storm-live. It writes into DIST (what the
// server serves), never into public/; a rebuild restores the sample. Ctrl-C stops it;
// `--end` sets the coverage's status to `ended` and stops.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const end = args.includes('--end');
const [dist = 'dist', seconds = '20'] = args.filter((a) => a !== '--end');
const file = join(dist, 'api/articles/north-sea-storm-live.json');

const LINES = [
  ['Tide gauge at Vlissingen passes 4.2 metres', 'The gauge at the harbour mouth read 4.21 metres above normal, a few centimetres short of the 1953 mark.'],
  [null, 'Volunteers in Knokke are sandbagging the last open stretch of the promenade before dark.'],
  ['Rail operator adds late buses', 'Replacement buses will run between Bruges and the coast until midnight, every half hour.'],
  [null, 'Gusts of 118 km/h were recorded on the pier at Ostend in the past hour.'],
  ['Schools on the coast closed tomorrow', 'The provincial education office says schools within five kilometres of the sea will stay shut.'],
  [null, 'Power has been restored to the 2,300 homes in Zeebrugge that lost it this afternoon.'],
];

function read() {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function save(article) {
  article.updated = new Date().toISOString();
  writeFileSync(file, JSON.stringify(article, null, 2) + '\n');
}

if (end) {
  const article = read();
  article.live.status = 'ended';
  save(article);
  console.log(`live-updates: ${file} has ended`);
  process.exit(0);
}

let n = 0;
function append() {
  const article = read();
  const [title, text] = LINES[n % LINES.length];
  const now = new Date();
  const update = { id: `dev-${now.getTime()}`, published: now.toISOString(), body: [{ type: 'paragraph', text }] };
  if (title) update.title = title;
  article.live.status = 'live';
  article.live.updates.unshift(update);
  save(article);
  n += 1;
  console.log(`live-updates: ${update.id} ${title ?? text.slice(0, 40) + '…'}`);
}

append();
setInterval(append, Number(seconds) * 1000);
