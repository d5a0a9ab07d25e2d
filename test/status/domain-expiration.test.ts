import { afterEach, beforeEach, expect, test } from 'vitest';
import { MockAgent } from 'undici';
import { createDomainExpirationLookup, registeredDomain } from '../../network/domain-expiration.ts';

let agent: MockAgent;
beforeEach(() => {
	agent = new MockAgent();
	agent.disableNetConnect();
});
afterEach(async () => {
	agent.assertNoPendingInterceptors();
	await agent.close();
});

const rdap = (expiration?: string) => ({
	objectClassName: 'domain',
	ldhName: 'EXAMPLE.COM',
	events: [
		{ eventAction: 'registration', eventDate: '1995-08-14T04:00:00Z' },
		...(expiration ? [{ eventAction: 'expiration', eventDate: expiration }] : []),
	],
});
const now = () => Date.parse('2026-11-01T00:00:00Z');

test.each([
	['api.erp.example.com', 'example.com'],
	['Example.COM.', 'example.com'],
	['shop.example.co.uk', 'example.co.uk'],
	['example.co', 'example.co'],
	['localhost', undefined],
	['10.20.0.7', undefined],
	['[::1]', undefined],
])('takes the registered domain of %s', (hostname, domain) => {
	expect(registeredDomain(hostname)).toBe(domain);
});

test('reads the expiration event from the registry of a common top-level domain, once per domain', async () => {
	agent
		.get('https://rdap.verisign.com')
		.intercept({ path: '/com/v1/domain/example.com' })
		.reply(200, rdap('2027-08-13T04:00:00Z'));
	const lookUp = createDomainExpirationLookup({ dispatcher: agent, now });
	expect(await lookUp('erp.example.com')).toEqual({
		expiresAt: Date.parse('2027-08-13T04:00:00Z'),
	});
	expect(await lookUp('crm.example.com')).toEqual({
		expiresAt: Date.parse('2027-08-13T04:00:00Z'),
	});
});

test("finds the registry of another top-level domain in IANA's bootstrap file", async () => {
	agent
		.get('https://data.iana.org')
		.intercept({ path: '/rdap/dns.json' })
		.reply(200, { services: [[['ca'], ['https://rdap.ca.example/rdap']]] });
	agent
		.get('https://rdap.ca.example')
		.intercept({ path: '/rdap/domain/gigafibre.ca' })
		.reply(200, rdap('2028-01-02T00:00:00Z'));
	expect(
		await createDomainExpirationLookup({ dispatcher: agent, now })('sign.gigafibre.ca'),
	).toEqual({ expiresAt: Date.parse('2028-01-02T00:00:00Z') });
});

test.each([
	[
		'an internal zone',
		'erp.example.lab',
		() =>
			agent
				.get('https://data.iana.org')
				.intercept({ path: '/rdap/dns.json' })
				.reply(200, { services: [] }),
		'no RDAP service is known for `.lab` (not a public top-level domain?)',
	],
	[
		'an unregistered domain',
		'nowhere-at-all.com',
		() =>
			agent
				.get('https://rdap.verisign.com')
				.intercept({ path: '/com/v1/domain/nowhere-at-all.com' })
				.reply(404, {}),
		'RDAP lookup for `nowhere-at-all.com` failed (404, no such domain there)',
	],
	[
		'an answer without an expiration',
		'example.org',
		() =>
			agent
				.get('https://rdap.publicinterestregistry.org')
				.intercept({ path: '/rdap/domain/example.org' })
				.reply(200, rdap()),
		'the RDAP answer for `example.org` has no expiration date',
	],
	[
		'a registry that fails',
		'example.net',
		() =>
			agent
				.get('https://rdap.verisign.com')
				.intercept({ path: '/net/v1/domain/example.net' })
				.reply(503, 'busy'),
		'RDAP lookup for `example.net` failed (HTTP 503)',
	],
	[
		'an unreadable bootstrap file',
		'example.ca',
		() =>
			agent
				.get('https://data.iana.org')
				.intercept({ path: '/rdap/dns.json' })
				.replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
		"IANA's RDAP bootstrap file could not be read (connect ECONNREFUSED)",
	],
	['an IP address', '10.20.0.7', () => undefined, '`10.20.0.7` is not a registered domain name'],
])('gives a reason instead of a date for %s', async (_name, hostname, arrange, reason) => {
	arrange();
	expect(await createDomainExpirationLookup({ dispatcher: agent, now })(hostname)).toEqual({
		unknown: reason,
	});
});

test('asks again once a failure is 10 minutes old', async () => {
	let clock = now();
	const registry = agent.get('https://rdap.verisign.com');
	registry.intercept({ path: '/com/v1/domain/example.com' }).reply(503, 'busy');
	registry
		.intercept({ path: '/com/v1/domain/example.com' })
		.reply(200, rdap('2027-08-13T04:00:00Z'));
	const lookUp = createDomainExpirationLookup({ dispatcher: agent, now: () => clock });
	expect(await lookUp('example.com')).toHaveProperty('unknown');
	clock += 5 * 60_000;
	expect(await lookUp('example.com')).toHaveProperty('unknown');
	clock += 6 * 60_000;
	expect(await lookUp('example.com')).toEqual({ expiresAt: Date.parse('2027-08-13T04:00:00Z') });
});
