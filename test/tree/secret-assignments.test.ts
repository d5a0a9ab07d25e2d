import { expect, test } from 'vitest';
import { growthRatio } from '../helpers/growth.ts';
import { secretAssignment } from '../../tree/secret-assignments.ts';
import { secretByName, secretInText } from '../../tree/secret-files.ts';

// Generated: every way a file writes a key (env, shell, ini, properties, YAML, JSON, a compose
// list), in every naming style, with literal values, values that stand for one, and names that
// only mention a secret's word. Seeded, so a failure names the same case on every run.

function seeded(seed: number): () => number {
	let state = seed;
	return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
const random = seeded(29);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const prefixes = [
	[],
	['db'],
	['postgres'],
	['smtp', 'auth'],
	['grafana', 'admin'],
	['app', 'datasource'],
	['github'],
];
const secretWords = [
	['password'],
	['pass'],
	['passwd'],
	['pwd'],
	['passphrase'],
	['secret'],
	['token'],
	['api', 'key'],
	['apikey'],
	['access', 'key'],
	['private', 'key'],
	['client', 'secret'],
	['credentials'],
];
const mentions = [
	['token', 'ttl'],
	['password', 'file'],
	['max', 'password', 'length'],
	['secret', 'name'],
	['token', 'url'],
	['password', 'min', 'age'],
	['user'],
	['host'],
	['passwords', 'rotated', 'at'],
];

/** Words that name a secret glued to what comes before them too (`PGPASSWORD`); the short ones (`pass`, `pwd`, `key`) do not (`COMPASS`). */
const glued = new Set(['password', 'passwd', 'passphrase', 'secret', 'token']);

const styles: Array<(parts: string[]) => string> = [
	(parts) => parts.join('_').toUpperCase(),
	(parts) => parts.join('_'),
	(parts) =>
		parts.map((part, i) => (i === 0 ? part : part[0]?.toUpperCase() + part.slice(1))).join(''),
	(parts) => parts.join('.'),
	(parts) => parts.join('-'),
];
const forms: Array<(key: string, value: string) => string> = [
	(k, v) => `${k}=${v}`,
	(k, v) => `export ${k}=${v}`,
	(k, v) => `${k} = ${v}`,
	(k, v) => `${k}="${v}"`,
	(k, v) => `${k}='${v}'`,
	(k, v) => `${k}: ${v}`,
	(k, v) => `  ${k}: "${v}"`,
	(k, v) => `  "${k}": "${v}",`,
	(k, v) => `      - ${k}=${v}`,
	(k, v) => `${k}=${v}  # set by ops`,
];

function literal(): string {
	const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_!@%+/';
	const length = 6 + Math.floor(random() * 30);
	let value = '';
	while (value.length < length) value += pick([...alphabet]);
	// Not one repeated character, not a path, nothing a placeholder list would match by chance.
	return `k${value.replace(/^[/!]/, 'q')}9`.replace(/xxx|\.\.\.|\*\*\*/gi, 'q7');
}
const standIns = [
	'changeme',
	'change-me',
	'<password>',
	'<your token>',
	'${DB_PASSWORD}',
	'$DB_PASSWORD',
	'$(pass show db)',
	'{{ vault_db_password }}',
	'xxxxxxxx',
	'********',
	'your-api-key-here',
	'example123',
	'REDACTED',
	'/run/secrets/db_password',
	'!vault',
	'%DB_PASSWORD%',
	'',
	'true',
	'hunter2 or the one in the vault',
	'my-token',
	'S3cr3tP@ss',
	'Passw0rd!',
	'dGVzdA==',
	Buffer.from('my-service-principal-secret').toString('base64'),
	'w.token',
	'ENV.fetch(name)',
	'uri.password',
];

test('finds a literal value under every secret-named key, in every form and naming style, at its line', () => {
	for (let n = 0; n < 400; n++) {
		const key = pick(styles)([...pick(prefixes), ...pick(secretWords)]);
		const value = literal();
		const line = pick(forms)(key, value);
		const text = `# settings for ${n}\nHOST=db.example.lab\n\n${line}\nPORT=5432\n`;
		expect(secretAssignment(text), line).toEqual({ line: 4, key });
		expect(secretInText(text), line).toBe(`a password or key written out (\`${key}\`, line 4)`);
	}
});

test('finds the long words glued to a prefix, as PostgreSQL and MySQL name theirs, and not the short ones', () => {
	for (const prefix of ['pg', 'mysql', 'root', 'redis', 'client', 'admin']) {
		for (const word of glued) {
			const key = `${prefix}${word}`.toUpperCase();
			expect(secretAssignment(`export ${key}=${literal()}\n`), key).toEqual({ line: 1, key });
		}
	}
	for (const key of [
		'COMPASS',
		'BYPASS',
		'SURPASS',
		'MONKEY',
		'HOTKEY',
		'STEPWD',
		'USERCREDENTIAL',
	])
		expect(secretAssignment(`${key}=${literal()}\n`), key).toBeUndefined();
});

test('finds nothing where the value only stands for a secret, or the key only mentions one', () => {
	for (let n = 0; n < 400; n++) {
		const standIn = n % 2 === 0;
		const key = pick(styles)(
			standIn ? [...pick(prefixes), ...pick(secretWords)] : [...pick(prefixes), ...pick(mentions)],
		);
		const line = pick(forms)(key, standIn ? pick(standIns) : literal());
		expect(secretAssignment(`${line}\n`), line).toBeUndefined();
	}
});

test('a secretlint-disable comment turns it off for the file, its line or the next line', () => {
	expect(secretAssignment('# secretlint-disable\nDB_PASSWORD=Tr0ub4dor3\n')).toBeUndefined();
	expect(secretAssignment('DB_PASSWORD=Tr0ub4dor3 # secretlint-disable-line\n')).toBeUndefined();
	expect(
		secretAssignment(
			'# secretlint-disable-next-line\nDB_PASSWORD=Tr0ub4dor3\nAPI_TOKEN=9f2cA81bd\n',
		),
	).toEqual({ line: 3, key: 'API_TOKEN' });
	expect(secretInText('SQLite format 3\0DB_PASSWORD=Tr0ub4dor3\n')).toBe('a database (SQLite)');
	expect(secretInText('\0\0DB_PASSWORD=Tr0ub4dor3\n')).toBeUndefined();
});

test('names every env file a secret, whatever comes before `.env` or after it, but its templates', () => {
	const befores = ['', 'prod', 'app', 'db-prod', 'staging_api', 'docker.compose'];
	const afters = ['', '.local', '.production', '.prod.local', '.ci'];
	const templates = [
		'.example',
		'.sample',
		'.template',
		'.tpl',
		'.dist',
		'.default',
		'.defaults',
		'.schema',
	];
	for (const before of befores) {
		for (const base of before ? [`${before}.env`] : ['.env', 'env', '.envrc']) {
			for (const after of afters)
				expect(secretByName(`ops/${base}${after}`), base + after).toBe(
					'environment variables (`.env`)',
				);
			for (const template of templates)
				expect(secretByName(`ops/${base}${template}`), base + template).toBeUndefined();
		}
	}
	for (const control of [
		'environment.md',
		'envoy.yaml',
		'prod.environment',
		'dev-env.md',
		'env-vars.png',
	])
		expect(secretByName(control), control).toBeUndefined();
});

test('in source code only a quoted value is a literal: anything else is an expression', () => {
	for (const file of ['run.rb', 'deploy.py', 'alertmanager.jsonnet', 'main.go', 'probe.ts']) {
		expect(secretAssignment('token = ENV.fetch(name, nil)\n', file), file).toBeUndefined();
		expect(secretAssignment('    pass: URI.decode(uri.password),\n', file), file).toBeUndefined();
		expect(secretAssignment('api_key = kX9vQ2rL7pZ\n', file), file).toBeUndefined();
		expect(secretAssignment('api_key = "kX9vQ2rL7pZ"\n', file), file).toEqual({
			line: 1,
			key: 'api_key',
		});
	}
	expect(secretAssignment('api_key = kX9vQ2rL7pZ\n', 'settings.ini')).toEqual({
		line: 1,
		key: 'api_key',
	});
});

test("finds what the first rules missed: Django's SECRET_KEY, a quoted passphrase, a JWT, JSON without spaces, a team's own password", () => {
	const jwt = `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiJvcHMifQ'.repeat(3)}.${'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'}`;
	for (const [text, key] of [
		['SECRET_KEY=9f8Kq2LmZ7xW\n', 'SECRET_KEY'],
		['DB_PASSWORD="correct horse battery staple"\n', 'DB_PASSWORD'],
		[`API_TOKEN=${jwt}\n`, 'API_TOKEN'],
		['{"user":"ops","password":"Kx9-vQ2rL7"}\n', 'password'],
		['  "password":"Kx9-vQ2rL7",\n', 'password'],
		['DB_PASSWORD=Admin-Prod-2024!\n', 'DB_PASSWORD'],
	] as const)
		expect(secretAssignment(text), text).toEqual({ line: 1, key });
	// Kubernetes names the key of a Secret `secretKey` (ExternalSecret, secretKeyRef): a name, not a secret.
	for (const text of [
		'token: "{{ .token | toString | upper }} was templated"\n',
		'token: "**access token goes here**"\n',
		'full: \'{"password":"supersecretpassword"}\'\n',
		'      secretKey: db-password\n',
		'  - secretKey: Kx9vQ2rL7pZa\n',
		'DB_PASSWORD=admin123\n',
		'DB_PASSWORD=Passw0rd!\n',
		'DB_PASSWORD=test1234\n',
		'{"password":"changeme"}\n',
	])
		expect(secretAssignment(text), text).toBeUndefined();
});

test('reads a line of any shape in time that grows as its length does', () => {
	// Each shape at 5,000 and 40,000 spaces: quadratic work grows 64×, linear 8× (backtracking over the spaces took seconds at 80,000).
	for (const shape of [
		(n: number) => `password: a${' '.repeat(n)}b,\n`,
		(n: number) => `DB_PASSWORD=a${' '.repeat(n)}b\n`,
		(n: number) => `"password":${' '.repeat(n)}"x"\n`,
		(n: number) => `${'a='.repeat(n / 2)}\n`,
	]) {
		expect(
			growthRatio((n) => secretAssignment(shape(n)), 5_000, 40_000),
			shape(3),
		).toBeLessThan(24);
	}
});
