import { envNames } from '../../core/env-template.ts';
import { positionOfKey } from '../../tree/parse-page.ts';
import { collectProbes } from '../probes/collect.ts';
import { statusWidgets } from '../probes/widgets.ts';
import { literalCredentials } from '../probes/manifest-probe.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../probes/schema.ts';
import { defineRule, type RuleContext } from './define-rule.ts';

const page = (probes: string, body = '# ERP\n'): string => `---\nprobes:\n${probes}---\n\n${body}`;

export default defineRule({
	id: 'probe-declarations',
	description:
		'Probe declarations in frontmatter are well formed (exactly one of `http`, `dns`, `tcp`, `icmp`, `tls`, `prometheus`; valid conditions; intervals from 10s to 24h and timeouts from 100ms to 60s), ids are unique across the site, every `:status{probe=ID}` names a declared probe, and every `${env:NAME}` a header reads is listed in `network.env` (a warning: such a probe stays unknown). Credentials written as they are (`user:password@` in a URL, a literal `Authorization`, `Cookie` or API-key header) are a warning: the built site never carries them, so `waymark serve` probes without them; read them from the environment instead (`${env:NAME}`).',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'a declared probe and a badge that uses it',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://erp.example.lab/api/index.php/status\n    conditions: ["[STATUS] == 200"]\n    interval: 30s\n',
						'# ERP\n\nAPI: :status{probe=erp-status}\n',
					),
				},
			},
			{
				title: 'a `<Status>` component shown as code, not used',
				files: {
					'erp.mdx':
						'# ERP\n\nWrite `<Status probe="your-id" />` where the badge goes:\n\n```mdx\n<Status probe="erp-api" />\n```\n',
				},
			},
		],
		notOk: [
			{
				title: 'two targets in one declaration',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://erp.example.lab/\n    dns: erp.example.lab\n',
					),
				},
				output: [
					'erp.md:5:5: probe `erp-status` `dns`: Unexpected probe with both `http` and `dns`, expected exactly one of `http`, `dns`, `tcp`, `icmp`, `tls`, `prometheus` (probe-declarations)',
				],
			},
			{
				title: 'a malformed condition and duration',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://erp.example.lab/\n    conditions: ["[STATUS] = 200"]\n    timeout: 5 seconds\n',
					),
				},
				output: [
					'erp.md:5:18: probe `erp-status` `conditions.0`: Unexpected condition `[STATUS] = 200` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side; did you mean `[STATUS] == 200` (probe-declarations)',
					'erp.md:6:5: probe `erp-status` `timeout`: Unexpected `5 seconds`, expected a duration such as `30s`, `5s`, `500ms` or `5m` (probe-declarations)',
				],
			},
			{
				title: 'an interval too short and a timeout too long',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://erp.example.lab/\n    interval: 1ms\n    timeout: 5m\n',
					),
				},
				output: [
					'erp.md:5:5: probe `erp-status` `interval`: Unexpected `1ms`, expected a duration from `10s` to `24h` (probe-declarations)',
					'erp.md:6:5: probe `erp-status` `timeout`: Unexpected `5m`, expected a duration from `100ms` to `60s` (probe-declarations)',
				],
			},
			{
				title: 'a header reading an environment variable that `network.env` does not list',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://erp.example.lab/\n    headers: { DOLAPIKEY: "${env:DOLAPIKEY}" }\n',
					),
				},
				output: [
					'erp.md:5:16: Unexpected `${env:DOLAPIKEY}` in header `DOLAPIKEY` of probe `erp-status`, expected a variable listed in `network.env`; add `DOLAPIKEY` to `network.env` in waymark.config.yaml, or the probe stays unknown (probe-declarations)',
				],
			},
			{
				title:
					'credentials written in the declaration (the built site leaves them out, so `waymark serve` probes without them)',
				files: {
					'erp.md': page(
						'  - id: erp-status\n    http: https://ops:hunter2@erp.example.lab/\n    headers: { X-Api-Key: k-123, Accept: application/json }\n',
					),
				},
				output: [
					'erp.md:4:5: Unexpected `user:password@` in the URL of probe `erp-status`, expected them from the environment (`headers: { Authorization: "Basic ${env:NAME}" }`, NAME in `network.env`); the built site leaves them out, so `waymark serve` probes without them (probe-declarations)',
					'erp.md:5:16: Unexpected literal value in header `X-Api-Key` of probe `erp-status`, expected `${env:NAME}` (NAME in `network.env`); the built site leaves it out, so `waymark serve` probes without it (probe-declarations)',
				],
			},
			{
				title: 'a duplicate id and a badge for an unknown probe',
				files: {
					'a.md': page('  - id: erp-status\n    http: https://erp.example.lab/\n'),
					'b.md': page(
						'  - id: erp-status\n    dns: erp.example.lab\n',
						'# B\n\nSee :status{probe=erp-stauts}.\n',
					),
				},
				output: [
					'a.md:3:5: Unexpected duplicate probe id `erp-status`, expected ids unique across the site (also declared at b.md:3) (probe-declarations)',
					'b.md:3:5: Unexpected duplicate probe id `erp-status`, expected ids unique across the site (also declared at a.md:3) (probe-declarations)',
					"b.md:9:5: Unexpected status widget for unknown probe `erp-stauts`, expected a probe id declared in some page's `probes:`; did you mean `erp-status` (probe-declarations)",
				],
			},
			{
				title: 'a `<Status>` component in MDX for an unknown probe',
				files: {
					'a.md': page('  - id: erp-status\n    http: https://erp.example.lab/\n'),
					'b.mdx': '# B\n\nThe ERP API:\n  <Status probe="erp-stats" />\n',
				},
				output: [
					"b.mdx:4:3: Unexpected status widget for unknown probe `erp-stats`, expected a probe id declared in some page's `probes:` (probe-declarations)",
				],
			},
		],
	},
	check(ctx) {
		const { probes, problems } = collectProbes(ctx.tree);
		for (const problem of problems)
			ctx.report({ file: problem.file, position: problem.position, message: problem.message });
		reportUnlistedEnv(ctx);
		reportLiteralCredentials(ctx);
		const ids = new Set(probes.map((p) => p.id));
		const nearId = similarIds([...ids]);
		for (const page of ctx.tree.pages.values()) {
			for (const widget of statusWidgets(page)) {
				if (widget.id && ids.has(widget.id)) continue;
				const near = widget.id ? nearId(widget.id) : undefined;
				ctx.report({
					file: page.path,
					position: widget.position,
					message: widget.id
						? `Unexpected status widget for unknown probe \`${widget.id}\`, expected a probe id declared in some page's \`probes:\`${near ? `; did you mean \`${near}\`` : ''}`
						: 'Unexpected status widget without a probe, expected `:status{probe=ID}`',
				});
			}
		}
	},
});

// `${env:NAME}` reads only what the config lists: a page cannot send any variable anywhere.
function reportUnlistedEnv(ctx: RuleContext): void {
	const listed = new Set(ctx.config.network.env);
	for (const page of ctx.tree.pages.values()) {
		const frontmatter = page.frontmatter;
		const list = frontmatter?.data?.['probes'];
		if (!frontmatter || !Array.isArray(list)) continue;
		list.forEach((raw: unknown, index) => {
			const { id, headers } = (raw ?? {}) as { id?: unknown; headers?: unknown };
			if (!headers || typeof headers !== 'object') return;
			for (const [name, value] of Object.entries(headers)) {
				if (typeof value !== 'string') continue;
				for (const variable of envNames(value).filter((n) => !listed.has(n))) {
					ctx.report({
						file: page.path,
						position: positionOfKey(frontmatter, ['probes', index, 'headers', name]),
						severity: 'warning',
						message: `Unexpected \`\${env:${variable}}\` in header \`${name}\` of probe \`${typeof id === 'string' ? id : index + 1}\`, expected a variable listed in \`network.env\`; add \`${variable}\` to \`network.env\` in waymark.config.yaml, or the probe stays unknown`,
					});
				}
			}
		});
	}
}

// The built site's probe manifest never carries a credential (`manifestProbe`): say what serve then lacks.
function reportLiteralCredentials(ctx: RuleContext): void {
	for (const page of ctx.tree.pages.values()) {
		const frontmatter = page.frontmatter;
		const list = frontmatter?.data?.['probes'];
		if (!frontmatter || !Array.isArray(list)) continue;
		list.forEach((raw: unknown, index) => {
			const parsed = ProbeDeclarationSchema.safeParse(raw);
			if (!parsed.success) return;
			const probe = toProbeSpec(parsed.data);
			for (const credential of literalCredentials(probe)) {
				const inUrl = credential.in === 'url';
				ctx.report({
					file: page.path,
					position: positionOfKey(frontmatter, [
						'probes',
						index,
						...(inUrl ? ['http'] : ['headers', credential.name]),
					]),
					severity: 'warning',
					message: inUrl
						? `Unexpected \`user:password@\` in the URL of probe \`${probe.id}\`, expected them from the environment (\`headers: { Authorization: "Basic \${env:NAME}" }\`, NAME in \`network.env\`); the built site leaves them out, so \`waymark serve\` probes without them`
						: `Unexpected literal value in header \`${credential.name}\` of probe \`${probe.id}\`, expected \`\${env:NAME}\` (NAME in \`network.env\`); the built site leaves it out, so \`waymark serve\` probes without it`,
				});
			}
		});
	}
}

/**
 * The first of `ids` similar to a name: the same letters in another order, or one a prefix of the
 * other, at most two letters apart. Looked up, not compared with every id, so that thousands of
 * widgets against thousands of probes stay linear.
 */
function similarIds(ids: string[]): (name: string) => string | undefined {
	const sorted = (s: string): string => [...s].sort().join('');
	const first = new Map<string, number>();
	const keep = (key: string, index: number) => {
		if (!first.has(key)) first.set(key, index);
	};
	ids.forEach((id, index) => {
		keep(`letters:${sorted(id)}`, index);
		keep(`id:${id}`, index);
		// An id the name starts: the name is this id cut by up to two letters.
		for (let cut = 1; cut <= 2 && cut < id.length; cut++)
			keep(`cut:${id.slice(0, id.length - cut)}`, index);
	});
	return (name) => {
		const keys = [`letters:${sorted(name)}`, `cut:${name}`];
		// An id that starts the name, at most two letters shorter.
		for (let cut = 1; cut <= 2 && cut < name.length; cut++)
			keys.push(`id:${name.slice(0, name.length - cut)}`);
		const found = keys.map((key) => first.get(key)).filter((index) => index !== undefined);
		return found.length > 0 ? ids[Math.min(...found)] : undefined;
	};
}
