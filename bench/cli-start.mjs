#!/usr/bin/env node
// How long `waymark` takes before its first line, for the answers that load no command:
// `--version`, `--help` and a verb's `--help`. Beside Node itself starting (`node -e 0`, the
// floor no CLI on Node goes under), interleaved, in the same run. Goal (issue 56): under 0.3 s
// each, on 2 cores.
//
//   node bench/cli-start.mjs [--runs 15]
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
// The `node` devDependency, as `npm run` and the bin's users start it.
const node = join(repo, 'node_modules/.bin/node');
const waymark = join(repo, 'bin/waymark.mjs');

const cases = {
	'node -e 0 (the floor)': [node, ['-e', '0']],
	'waymark --version': [node, [waymark, '--version']],
	'waymark --help': [node, [waymark, '--help']],
	'waymark check --help': [node, [waymark, 'check', '--help']],
};

/** Wall and CPU seconds of one run (CPU from the child's rusage as the shell's `time` reads it). */
function timed([program, args]) {
	const started = process.hrtime.bigint();
	const result = spawnSync('/usr/bin/time', ['-f', '%U %S', program, ...args], {
		encoding: 'utf8',
		cwd: repo,
	});
	const wall = Number(process.hrtime.bigint() - started) / 1e9;
	if (result.status !== 0)
		throw new Error(`${program} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
	const [user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
	return { wall, cpu: user + system };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, { wall: [], cpu: [] }]));
// A first run of each fills Node's compile cache, as any second start finds it.
for (const command of Object.values(cases)) timed(command);
for (let round = 0; round < runs; round++) {
	for (const [name, command] of Object.entries(cases)) {
		const { wall, cpu } = timed(command);
		samples[name].wall.push(wall);
		samples[name].cpu.push(cpu);
	}
}
const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' })
	.split(' ')
	.slice(0, 3)
	.join(' ');
console.log(`${runs} rounds, interleaved; load ${load}; medians`);
const floor = median(samples['node -e 0 (the floor)'].wall);
for (const [name, { wall, cpu }] of Object.entries(samples)) {
	const w = median(wall);
	console.log(
		`${name.padEnd(24)} wall ${w.toFixed(3)} s (${(w / floor).toFixed(1)}× the floor)  CPU ${median(cpu).toFixed(3)} s  max wall ${Math.max(...wall).toFixed(3)} s`,
	);
}
