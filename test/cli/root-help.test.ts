import { Command } from 'commander';
import { expect, test } from 'vitest';
import { registerVerbs } from '../../cli/verbs/index.ts';
import { rootCandidates } from '../../config/find-root.ts';
import { testTerminal } from '../helpers/terminal.ts';

// Without a config file, every command reads the first folder of rootCandidates with Markdown
// (config/find-root.ts): the help of every `--root` says so, not a folder of its own.
test('every --root in the help names the folders a command looks in without a config', () => {
	const program = new Command('waymark');
	const terminal = testTerminal({ cwd: '/', env: {} });
	registerVerbs(program, { terminal, done: () => undefined });
	const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
	const roots = all(program).flatMap((command) =>
		command.options
			.filter((option) => option.long === '--root')
			.map((option) => [command.name(), option.description] as const),
	);
	expect(roots.map(([name]) => name).sort()).toEqual([
		'baseline',
		'build',
		'check',
		'dev',
		'init',
		'offline',
		'preview',
		'probe',
		'prometheus',
	]);
	for (const [name, description] of roots) {
		if (name === 'init') continue;
		expect(description, name).toContain(
			`the first of ${rootCandidates.map((candidate) => `${candidate}/`).join(', ')} with Markdown`,
		);
		expect(description, name).not.toMatch(/or \.\/guidebooks/);
	}
}, 60_000);
