import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';

// Every key that takes a URL a page links to or a server is asked at: a value that is not an
// http(s) URL is refused with the key, the value as written and an example of the key's own, and
// never reaches a page (`javascript:`) or a request (`file:`). Generated: each scheme, separator
// and host, and each kind of value that is not text.
const keys: Array<{ key: string; at: (value: unknown) => unknown; example: string }> = [
	{ key: 'site.url', at: (url) => ({ site: { url } }), example: 'https://runbooks.example.com' },
	{
		key: 'site.editUrl',
		at: (editUrl) => ({ site: { editUrl } }),
		example: 'https://github.com/ORG/REPO/edit/main/guidebooks/{path}',
	},
	{
		key: 'alerts.prometheus.url',
		at: (url) => ({ alerts: { prometheus: { url } } }),
		example: 'http://prometheus.example.lab:9090',
	},
	{
		key: 'alerts.alertmanager.url',
		at: (url) => ({ alerts: { alertmanager: { url } } }),
		example: 'http://alertmanager.example.lab:9093',
	},
	{
		key: 'alerts.alertmanager.externalUrl',
		at: (externalUrl) => ({
			alerts: { alertmanager: { url: 'http://127.0.0.1:9093', externalUrl } },
		}),
		example: 'https://alertmanager.example.com',
	},
];

const messageOf = (input: unknown): string => {
	try {
		parseConfig(input, 'waymark.config.yaml');
	} catch (error) {
		return (error as Error).message;
	}
	return 'accepted';
};

/** Values that are not http(s) URLs: every scheme, separator and host below, those a URL parser takes and those it refuses. */
const notHttp = ['', 'http', 'javascript', 'file', 'ftp', 'mailto', 'data']
	.flatMap((scheme) =>
		['://', ':', '//', ''].flatMap((separator) =>
			['', 'example.lab', 'ex ample', '[::1', 'alert(1)'].map(
				(host) => `${scheme}${separator}${host}/{path}`,
			),
		),
	)
	.filter((value) => {
		try {
			return !['http:', 'https:'].includes(new URL(value.replaceAll('{path}', 'p')).protocol);
		} catch {
			return true;
		}
	});

test.each(keys)('$key refuses each value that is not an http(s) URL, saying which', (key) => {
	expect(notHttp.length).toBeGreaterThan(80);
	for (const value of notHttp) {
		const message = messageOf(key.at(value));
		const shown = JSON.stringify(value);
		expect(message, value).toContain(
			`${key.key}: Unexpected \`${shown.length > 40 ? `${shown.slice(0, 37)}…` : shown}\``,
		);
		expect(message, value).toMatch(/expected (text containing `\{path\}`|an http\(s\))/);
	}
	expect(messageOf(key.at(key.example))).toBe('accepted');
});

test.each(keys)('$key names the kind of a value that is not text', (key) => {
	for (const [value, shown] of [
		[['https://a.example'], 'a list'],
		[{ url: 'https://a.example' }, 'a mapping'],
		[null, '`null`'],
		[9090, '`9090`'],
		[true, '`true`'],
	] as const)
		expect(messageOf(key.at(value))).toContain(`${key.key}: Unexpected ${shown}, expected text`);
});
