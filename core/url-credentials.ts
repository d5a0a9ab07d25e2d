// Apart from the HTTP client (undici), so the checks that keep credentials out of the built site load
// no network code (test/cli/start-up.test.ts), and in core/ so the config can use it too.

/** The URL without `user:pass@`, and those as a Basic `Authorization` value. */
export function withoutCredentials(url: URL): { url: URL; authorization?: string } {
	if (!url.username && !url.password) return { url };
	const credentials = `${decodeOrSelf(url.username)}:${decodeOrSelf(url.password)}`;
	const bare = new URL(url);
	bare.username = '';
	bare.password = '';
	return { url: bare, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function decodeOrSelf(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
