#!/usr/bin/env node
// Summarises V8 CPU profiles (`node --cpu-prof --cpu-prof-dir DIR …`): self time by package, the
// hottest functions, and inclusive time of this repository's own functions, which is where a fix
// would go. Usage: node bench/cpu-profile.mjs DIR|FILE.cpuprofile [--top 25] [--timeline MS]
// Profile a build:  node --cpu-prof --cpu-prof-dir bench/.tmp/prof cli/main.ts build --root …
// `--timeline 500` adds the run in 500 ms steps: how busy the thread was and with what, which
// shows a build's phases (start-up, checks, content, bundling, pages, search) and what each costs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderTable } from './lib/report.mjs';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { top: { type: 'string', default: '25' }, timeline: { type: 'string' } },
});
const top = Number(values.top);
const stepUs = values.timeline === undefined ? undefined : Number(values.timeline) * 1000;
if (stepUs !== undefined && !(stepUs > 0)) {
	console.error(
		`Unexpected --timeline ${values.timeline}, expected a step in milliseconds, e.g. --timeline 500.`,
	);
	process.exit(2);
}
const target = positionals[0];
if (!target) {
	console.error('Unexpected missing profile, expected a .cpuprofile file or a folder of them.');
	process.exit(2);
}
const files = statSync(target).isDirectory()
	? readdirSync(target)
			.filter((name) => name.endsWith('.cpuprofile'))
			.map((name) => join(target, name))
	: [target];
const repo = new URL('..', import.meta.url).pathname;

for (const file of files) {
	/** @type {{ nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>; samples: number[]; timeDeltas: number[] }} */
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const parents = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	/** @type {Map<string, number>} */ const byPackage = new Map();
	/** @type {Map<string, number>} */ const byFunction = new Map();
	/** @type {Map<string, number>} */ const ours = new Map();
	const add = (
		/** @type {Map<string, number>} */ map,
		/** @type {string} */ key,
		/** @type {number} */ us,
	) => map.set(key, (map.get(key) ?? 0) + us);
	let total = 0;
	/** @type {Array<Map<string, number>>} */ const steps = [];
	profile.samples.forEach((id, i) => {
		const us = profile.timeDeltas[i] ?? 0;
		total += us;
		const frame = /** @type {NonNullable<ReturnType<typeof nodes.get>>} */ (nodes.get(id))
			.callFrame;
		add(byPackage, packageOf(frame.url, frame.functionName), us);
		if (stepUs)
			add(
				(steps[Math.floor(total / stepUs)] ??= new Map()),
				packageOf(frame.url, frame.functionName),
				us,
			);
		add(
			byFunction,
			`${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`,
			us,
		);
		// Inclusive: every own function on the stack, once per sample.
		const seen = new Set();
		for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parents.get(at)) {
			const { url, functionName } = /** @type {NonNullable<ReturnType<typeof nodes.get>>} */ (
				nodes.get(at)
			).callFrame;
			if (!url.includes(repo) || url.includes('/node_modules/')) continue;
			const key = `${functionName || '(anonymous)'} ${shortUrl(url)}`;
			if (!seen.has(key)) add(ours, key, us);
			seen.add(key);
		}
	});
	const rows = (/** @type {Map<string, number>} */ map) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([key, us]) => [
				`${(us / 1e6).toFixed(2)} s`,
				`${((us / total) * 100).toFixed(1)} %`,
				key,
			]);
	console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
	console.log(`${renderTable(['self', 'share', 'package'], rows(byPackage))}\n`);
	console.log(`${renderTable(['self', 'share', 'function'], rows(byFunction))}\n`);
	console.log(
		renderTable(['inclusive', 'share', 'own function (async callers may be missing)'], rows(ours)),
	);
	if (stepUs) console.log(`\n${timeline(steps, stepUs)}`);
}

/** One row per step of wall time: the thread's busy time in it and the three areas that took most. */
function timeline(/** @type {Array<Map<string, number>>} */ steps, /** @type {number} */ stepUs) {
	const rows = [...steps.entries()].map(([index, areas = new Map()]) => {
		const busy = [...areas].filter(([area]) => area !== '(idle)');
		const leaders = busy
			.sort((a, b) => b[1] - a[1])
			.slice(0, 3)
			.map(([area, us]) => `${area} ${(us / 1000).toFixed(0)} ms`);
		return [
			`${((index * stepUs) / 1e6).toFixed(1)} s`,
			`${(busy.reduce((sum, [, us]) => sum + us, 0) / 1000).toFixed(0)} ms`,
			leaders.join(', '),
		];
	});
	return renderTable(['from', 'busy', 'most of it in'], rows);
}

function shortUrl(/** @type {string} */ url) {
	return url
		.replace(/^file:\/\//, '')
		.replace(repo, '')
		.replace(/^.*\/node_modules\//, '');
}

/** The npm package a frame belongs to, this repository's top folder, or V8's own label. */
function packageOf(/** @type {string} */ url, /** @type {string} */ functionName) {
	const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (inModules?.[1]) return inModules[1];
	if (url.includes(repo)) return shortUrl(url).split('/').slice(0, 2).join('/');
	return url.startsWith('node:')
		? 'node:' + url.slice(5).split('/')[0]
		: functionName || url || '(native)';
}
