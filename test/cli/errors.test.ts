import { expect, test } from 'vitest';
import { AstroError } from 'astro/errors';
import { printError } from '../../cli/commands/shared.ts';
import { RootNotFound, raise } from '../../core/errors.ts';
import { testTerminal } from '../helpers/terminal.ts';

function printed(error: unknown, state?: Parameters<typeof printError>[2], debug?: string): string {
	const terminal = testTerminal({ cwd: '/', env: { DEBUG: debug ?? '' } });
	printError(terminal, error, state);
	return terminal.err();
}

const bug = Object.assign(
	new TypeError(
		"Cannot read properties of undefined (reading 'url')\n    at rewrite (links.ts:3:1)",
	),
	{ id: '/guidebooks/erp/ops.md' },
);

test('prints an internal error as one line naming the step, the page and where to report it', () => {
	expect(printed(bug, { open: ['rendering the pages'], last: 'rendered erp/backup.md' }))
		.toMatchInlineSnapshot(`
		"Internal error while rendering the pages (last done: rendered erp/backup.md): TypeError: Cannot read properties of undefined (reading 'url') (in /guidebooks/erp/ops.md). This is a bug in Waymark, not in your pages: please report this line to the Waymark maintainers (\`DEBUG=waymark\` adds the stack trace).
		"
	`);
});

test('adds the stack trace only with DEBUG=waymark', () => {
	expect(printed(bug, undefined, 'vite')).not.toContain('    at ');
	expect(printed(bug, undefined, 'vite,waymark')).toContain('    at ');
});

test('prints a catalog error as message and hint, also when Astro wrapped it', () => {
	const error = raise(RootNotFound, 'docs');
	const wrapped = Object.assign(new AstroError(error.message, error.hint), { cause: error });
	const expected = `${error.message}\nHint: ${error.hint ?? ''}\n`;
	expect(printed(error)).toBe(expected);
	expect(printed(wrapped)).toBe(expected);
});

test('says a full disk or a permission is the machine, not a bug', () => {
	const error = Object.assign(new Error("EACCES: permission denied, open '/srv/site/index.html'"), {
		code: 'EACCES',
		syscall: 'open',
	});
	expect(printed(error, { open: ['moving the site into /srv/site'] })).toBe(
		"EACCES: permission denied, open '/srv/site/index.html' (while moving the site into /srv/site)\nHint: Check the permissions and free space of the folders Waymark reads and writes.\n",
	);
});
