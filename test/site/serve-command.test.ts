import { expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

test('exits with 2 and says how to build when the folder holds no site', async () => {
	const dir = await writeFixture({ 'readme.txt': 'not a site' });
	try {
		const result = await runCli(['serve', '--dir', dir, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 20_000 });
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(dir, '<dir>')).toMatchInlineSnapshot(`
			"\`<dir>\` holds no built site (no index.html).
			Hint: Run \`waymark build\` first, or pass the folder it wrote with \`--dir\`.
			"
		`);
	} finally {
		await removeFixture(dir);
	}
});

test('rejects a port that is not a number', async () => {
	const dir = await writeFixture({ 'index.html': '<h1>Home</h1>' });
	try {
		const result = await runCli(['serve', '--dir', dir, '--port', 'http'], { timeoutMs: 20_000 });
		expect(result.code).toBe(2);
		expect(result.stderr).toMatchInlineSnapshot(`
			"Unexpected port \`http\`, expected a whole number from 0 to 65535.
			Hint: Pass e.g. \`--port 4321\`, or \`--port 0\` to pick a free port.
			"
		`);
	} finally {
		await removeFixture(dir);
	}
});
