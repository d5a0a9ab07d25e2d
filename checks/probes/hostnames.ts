import type { PageModel } from '../../tree/parse-page.ts';
import type { Position } from '../finding.ts';

export interface HostnameMention {
	hostname: string;
	file: string;
	position: Position;
}

const hostnamePattern = /(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})(?![\w-])/gi;

/** True when `hostname` is `domain` or a name under it. */
function isUnder(hostname: string, domain: string): boolean {
	const d = domain.toLowerCase().replace(/^\.|\.$/g, '');
	return hostname === d || hostname.endsWith(`.${d}`);
}

/** Hostnames under `domains` that a page mentions in links and inline code, with positions. */
export function hostnameMentions(page: PageModel, domains: string[]): HostnameMention[] {
	const mentions: HostnameMention[] = [];
	const add = (hostname: string, position: Position): void => {
		const host = hostname.toLowerCase().replace(/\.$/, '');
		if (domains.some((d) => isUnder(host, d)))
			mentions.push({ hostname: host, file: page.path, position });
	};
	for (const link of page.links) {
		try {
			const url = new URL(link.url);
			if (url.hostname) add(url.hostname, link.position);
		} catch {
			// Relative links name no host.
		}
	}
	for (const code of page.inlineCode) {
		for (const match of code.value.matchAll(hostnamePattern)) add(match[1] ?? '', code.position);
	}
	return mentions;
}
