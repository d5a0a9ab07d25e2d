import type { LinksConfig, LinkRule, StatusMatch } from '../../config/links.ts';
import { expandEnv } from '../../core/env-template.ts';
import { compileGlobs, type GlobList } from '../../core/glob.ts';
import { parseIp } from '../../core/ip-address.ts';
import { classifyAddress } from '../../network/address-policy.ts';
import { safeDecode } from '../../markdown/routes.ts';
import type { LinkTarget } from './collect-targets.ts';
import type { LinkOutcome } from './link-outcome.ts';

/** How one target is handled: decided without the network (policy), or a request plan. */
export type TargetPlan =
	| {
			action: 'decided';
			outcome: LinkOutcome;
			/** The author should hear about it (a token is missing). */ notable?: boolean;
	  }
	| {
			action: 'check';
			url: URL;
			accept: StatusMatch[];
			headers: Record<string, string>;
			isPrivate: boolean;
			rule?: string;
	  };

/**
 * A planner that applies syntax checks, `links.rules` and the private-host policy; never touches
 * the network. The rules' patterns and `links.privateHosts` are compiled once, here. A host is
 * private when it matches `links.privateHosts` or is an IP literal, in any spelling
 * (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`), of a loopback, private, link-local or other
 * non-public address. `${env:NAME}` in rule headers reads only the names in `allowedEnv`.
 */
export function createTargetPlanner(
	links: LinksConfig,
	env: NodeJS.ProcessEnv,
	allowedEnv: readonly string[] = [],
): (target: LinkTarget) => TargetPlan {
	const rulePatterns = compileGlobs(
		links.rules.map((rule) => rule.pattern),
		{ nocase: true },
	);
	const privateHosts = compileGlobs(links.privateHosts, { nocase: true });
	return (target) => planTarget(target, links, env, allowedEnv, rulePatterns, privateHosts);
}

function planTarget(
	target: LinkTarget,
	links: LinksConfig,
	env: NodeJS.ProcessEnv,
	allowedEnv: readonly string[],
	rulePatterns: GlobList,
	privateHosts: GlobList,
): TargetPlan {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target.key)?.[1]?.toLowerCase();
	if (scheme === 'mailto' || scheme === 'tel')
		return { action: 'decided', outcome: checkSyntaxOnly(scheme, target.key) };
	const url = target.url;
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
		return {
			action: 'decided',
			outcome: {
				kind: 'invalid',
				observed: `malformed URL \`${target.key}\``,
				expected: 'an absolute http(s) URL such as `https://example.com/page`',
			},
		};
	}
	const index = rulePatterns.indexOf(url.href);
	const rule: LinkRule | undefined = links.rules[index];
	if (rule?.skip)
		return {
			action: 'decided',
			outcome: {
				kind: 'skipped',
				observed: `Skipped by links.rules[${index}] (\`${rule.pattern}\`)`,
			},
		};
	const literal = parseIp(url.hostname);
	const range = literal && classifyAddress(literal);
	const privatePattern = links.privateHosts[privateHosts.indexOf(url.hostname)];
	const why = range
		? `is an address in ${range.cidr} (${range.name})`
		: privatePattern && `matches links.privateHosts \`${privatePattern}\``;
	if (why && links.privateHostPolicy === 'skip') {
		return {
			action: 'decided',
			outcome: {
				kind: 'skipped',
				observed: `Skipped because host \`${url.hostname}\` ${why} (privateHostPolicy: skip)`,
			},
		};
	}
	const headers: Record<string, string> = {};
	for (const [name, template] of Object.entries(rule?.headers ?? {})) {
		const expanded = expandEnv(template, env, { emptyIsMissing: true, allowed: allowedEnv });
		if (!expanded.ok) {
			return {
				action: 'decided',
				notable: true,
				outcome: {
					kind: 'skipped',
					observed: `Skipped because ${expanded.missing} is ${expanded.unlisted ? 'not listed in network.env' : 'not set'} (header \`${name}\` of links.rules[${index}])`,
				},
			};
		}
		headers[name] = expanded.value;
	}
	return {
		action: 'check',
		url,
		accept: rule?.accept ?? links.accept,
		headers,
		isPrivate: Boolean(why) && links.privateHostPolicy === 'warn',
		...(rule && { rule: `links.rules[${index}]` }),
	};
}

/** True when `status` matches a code or a class such as `2xx`. */
export function isAccepted(status: number, accept: StatusMatch[]): boolean {
	return accept.some((m) =>
		typeof m === 'number' ? m === status : Math.floor(status / 100) === Number(m[0]),
	);
}

const emailPattern = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

function checkSyntaxOnly(scheme: 'mailto' | 'tel', text: string): LinkOutcome {
	const body = text.slice(scheme.length + 1);
	if (scheme === 'mailto') {
		const [to = '', query] = body.split('?');
		const addresses = safeDecode(to)
			.split(',')
			.map((a) => a.trim())
			.filter(Boolean);
		const bad = addresses.find((a) => !emailPattern.test(a));
		if (bad !== undefined || (addresses.length === 0 && !query)) {
			return {
				kind: 'invalid',
				observed: `address \`${bad ?? ''}\` in \`${text}\``,
				expected: 'a mailto: link such as `mailto:ops@example.com`',
			};
		}
		return { kind: 'ok', observed: 'mailto: syntax is valid (not looked up)' };
	}
	const number = body.split(';')[0] ?? '';
	if (!/^\+?[\d\-.() ]+$/.test(safeDecode(number)) || (number.match(/\d/g) ?? []).length < 3) {
		return {
			kind: 'invalid',
			observed: `number \`${number}\` in \`${text}\``,
			expected: 'a tel: link such as `tel:+33123456789`',
		};
	}
	return { kind: 'ok', observed: 'tel: syntax is valid (not dialled)' };
}
