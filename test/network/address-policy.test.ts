import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { formatIp, parseIp } from '../../core/ip-address.ts';
import { createAddressPolicy } from '../../network/address-policy.ts';

const defaults = createAddressPolicy();

test.each([
	['169.254.169.254', '169.254.0.0/16'],
	['169.254.170.2', '169.254.0.0/16'],
	['2852039166', '169.254.0.0/16'],
	['0xa9.0xfe.0xa9.0xfe', '169.254.0.0/16'],
	['::ffff:169.254.169.254', '169.254.0.0/16'],
	['[64:ff9b::a9fe:a9fe]', '169.254.0.0/16'],
	['fe80::1%eth0', 'fe80::/10'],
	['fd00:ec2::254', 'fd00:ec2::/32'],
	['100.100.100.200', '100.100.100.200/32'],
	['168.63.129.16', '168.63.129.16/32'],
	['0.0.0.0', '0.0.0.0/8'],
	['::', '::/128'],
	['224.0.0.251', '224.0.0.0/4'],
	['ff02::1', 'ff00::/8'],
	['255.255.255.255', '240.0.0.0/4'],
])('refuses %s (in %s) by default', (address, range) => {
	expect(defaults.check(address)).toContain(`is in ${range} (`);
});

test.each([
	'127.0.0.1',
	'127.8.9.10',
	'::1',
	'10.1.2.3',
	'172.20.0.1',
	'192.168.1.1',
	'100.64.0.1',
	'fd12:3456::1',
	'93.184.216.34',
	'2606:4700::1111',
])('allows %s by default', (address) => {
	expect(defaults.check(address)).toBeUndefined();
});

test('names the host, the address, the range and the fix in a refusal', () => {
	expect(defaults.check('169.254.169.254', 'metadata.google.internal')).toMatchInlineSnapshot(
		`"\`metadata.google.internal\` resolves to 169.254.169.254, which is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless \`network.allow\` names it, e.g. \`169.254.169.254\`"`,
	);
});

test('allows a metadata address only when an entry no wider than its range names it', () => {
	expect(
		createAddressPolicy({ allow: ['169.254.169.254'] }).check('169.254.169.254'),
	).toBeUndefined();
	expect(
		createAddressPolicy({ allow: ['169.254.0.0/16'] }).check('::ffff:169.254.169.254'),
	).toBeUndefined();
	expect(createAddressPolicy({ allow: ['0.0.0.0/0', 'public'] }).check('169.254.169.254')).toMatch(
		/refused unless/,
	);
	expect(createAddressPolicy({ allow: ['*'] }).check('169.254.169.254', 'metadata.test')).toMatch(
		/refused unless/,
	);
	expect(createAddressPolicy({ allow: ['169.254.169.254'] }).check('169.254.169.253')).toMatch(
		/refused unless/,
	);
});

test('narrows internal addresses to the blocks and hosts listed, leaving public ones', () => {
	const narrow = createAddressPolicy({ allow: ['public', '10.20.0.0/16', '*.corp.lab'] });
	expect(narrow.check('10.20.3.4')).toBeUndefined();
	expect(narrow.check('10.30.3.4', 'db.corp.lab')).toBeUndefined();
	expect(narrow.check('93.184.216.34')).toBeUndefined();
	expect(narrow.check('10.30.3.4', 'db.example.com')).toBe(
		'`db.example.com` resolves to 10.30.3.4, which is in 10.0.0.0/8 (private), outside `network.allow`',
	);
	expect(narrow.check('127.0.0.1')).toBe(
		'127.0.0.1 is in 127.0.0.0/8 (loopback), outside `network.allow`',
	);
});

test('refuses public addresses when `public` is not listed (the demo allows loopback only)', () => {
	const demo = createAddressPolicy({ allow: ['loopback'], allowName: 'the demo' });
	expect(demo.check('127.0.0.1', 'erp.example.lab')).toBeUndefined();
	expect(demo.check('192.0.2.10')).toBe('192.0.2.10 is a public address, outside the demo');
	expect(demo.check('::ffff:10.0.0.1')).toBe(
		'10.0.0.1 is in 10.0.0.0/8 (private), outside the demo',
	);
});

test('lets network.deny win over allow, by block and by host', () => {
	const policy = createAddressPolicy({ deny: ['10.0.5.0/24', 'vault.corp.lab'] });
	expect(policy.check('10.0.5.9')).toBe('10.0.5.9 matches `network.deny` entry `10.0.5.0/24`');
	expect(policy.check('10.0.6.9', 'vault.corp.lab')).toBe(
		'`vault.corp.lab` resolves to 10.0.6.9, which matches `network.deny` entry `vault.corp.lab`',
	);
	expect(policy.check('10.0.6.9', 'git.corp.lab')).toBeUndefined();
});

test.each([
	['2130706433', '127.0.0.1'],
	['0x7f.1', '127.0.0.1'],
	['0177.0.0.1', '127.0.0.1'],
	['127.1', '127.0.0.1'],
	['[::ffff:127.0.0.1]', '127.0.0.1'],
	['::ffff:7f00:1', '127.0.0.1'],
	['[::1]', '::1'],
	['fd00:ec2:0:0:0:0:0:254', 'fd00:ec2::254'],
])('reads the address %s as %s', (text, address) => {
	const parsed = parseIp(text);
	expect(parsed && formatIp(parsed)).toBe(address);
});

test.each(['example.com', 'cafe', 'deadbeef.lab', '1.2.3.4.5', '::g'])(
	'does not take the name %s for an address',
	(text) => {
		expect(parseIp(text)).toBeUndefined();
	},
);

test('rejects malformed allow and deny entries with every bad key path', () => {
	expect(() =>
		parseConfig({ network: { allow: ['10.0.0.0/33', 'loopback'], deny: ['http://x/'] } }),
	).toThrowErrorMatchingInlineSnapshot(`
		[ConfigInvalid: Configuration has 2 invalid keys:
		  ! network.allow[0]: Unexpected \`10.0.0.0/33\`, expected \`public\`, \`private\`, \`loopback\`, an address or CIDR block (\`10.20.0.0/16\`, \`fd12::/48\`) or a host name or glob (\`db.corp.lab\`, \`*.corp.lab\`)
		  ! network.deny[0]: Unexpected \`http://x/\`, expected \`public\`, \`private\`, \`loopback\`, an address or CIDR block (\`10.20.0.0/16\`, \`fd12::/48\`) or a host name or glob (\`db.corp.lab\`, \`*.corp.lab\`)]
	`);
});

test('rejects a network.env entry that is not a variable name', () => {
	expect(() => parseConfig({ network: { env: ['API KEY'] } })).toThrow(
		'network.env[0]: Unexpected `API KEY`, expected an environment variable name such as `DOLAPIKEY`',
	);
});

test('rejects a links.rules header that reads a variable network.env does not list', () => {
	const rules = [
		{
			pattern: 'https://git.example.com/**',
			headers: { Authorization: 'token ${env:FORGE_TOKEN}' },
		},
	];
	expect(() => parseConfig({ links: { rules } })).toThrow(
		'links.rules[0].headers.Authorization: Unexpected `${env:FORGE_TOKEN}`, expected a variable listed in `network.env`; add `FORGE_TOKEN` to `network.env`',
	);
	expect(parseConfig({ network: { env: ['FORGE_TOKEN'] }, links: { rules } }).network.env).toEqual([
		'FORGE_TOKEN',
	]);
});
