import { configErrorMap } from '../../config/error-map.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { positionOfKey } from '../../tree/parse-page.ts';
import type { Position } from '../finding.ts';
import { ProbeDeclarationSchema, probeDefaults, toProbeSpec } from './schema.ts';
import type { LocatedProbe } from './types.ts';

interface DeclarationProblem {
	file: string;
	position: Position;
	message: string;
}

export interface CollectedProbes {
	/** Valid declarations, first one wins on a duplicate id. */
	probes: LocatedProbe[];
	problems: DeclarationProblem[];
}

/**
 * Reads `probes:` from every page's frontmatter, with file and line, in path order. An id declared
 * more than once is reported at every declaration, each naming the others: a run that checks only
 * the changed pages (`--changed-since`) sees it on the page that added the second, whichever sorts
 * first.
 */
export function collectProbes(tree: GuidebookTree, defaults = probeDefaults): CollectedProbes {
	const probes: LocatedProbe[] = [];
	const problems: DeclarationProblem[] = [];
	const seen = new Map<string, LocatedProbe>();
	const declared = new Map<string, Array<{ file: string; position: Position }>>();
	for (const path of [...tree.pages.keys()].sort()) {
		const page = tree.pages.get(path)!;
		const frontmatter = page.frontmatter;
		const list = frontmatter?.data?.['probes'];
		if (!frontmatter || list === undefined) continue;
		if (!Array.isArray(list)) {
			problems.push({
				file: path,
				position: positionOfKey(frontmatter, ['probes']),
				message:
					'Unexpected `probes` that is not a list, expected a list of probe declarations (`- id: …`)',
			});
			continue;
		}
		list.forEach((raw: unknown, index) => {
			// The configuration's wording ("Unexpected `5`, expected text"), never zod's own.
			const parsed = ProbeDeclarationSchema.safeParse(raw, { error: configErrorMap });
			if (!parsed.success) {
				for (const issue of parsed.error.issues) {
					const keyPath = [
						'probes',
						index,
						...issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
					];
					const id = (raw as { id?: unknown })?.id;
					const where = typeof id === 'string' ? `probe \`${id}\`` : `probe ${index + 1}`;
					const field = issue.path.length > 0 ? ` \`${issue.path.join('.')}\`` : '';
					problems.push({
						file: path,
						position: positionOfKey(frontmatter, keyPath),
						message: `${where}${field}: ${issue.message}`,
					});
				}
				return;
			}
			const position = positionOfKey(frontmatter, ['probes', index, 'id']);
			const probe: LocatedProbe = {
				...toProbeSpec(parsed.data, defaults),
				file: path,
				line: position.line,
				route: page.route,
				pageTitle: page.title,
			};
			declared.set(probe.id, [...(declared.get(probe.id) ?? []), { file: path, position }]);
			if (seen.has(probe.id)) return;
			seen.set(probe.id, probe);
			probes.push(probe);
		});
	}
	for (const [id, places] of declared) {
		if (places.length < 2) continue;
		for (const place of places) {
			const others = places
				.filter((other) => other !== place)
				.map((other) => `${other.file}:${other.position.line}`);
			problems.push({
				...place,
				message: `Unexpected duplicate probe id \`${id}\`, expected ids unique across the site (also declared at ${others.join(', ')})`,
			});
		}
	}
	return { probes, problems };
}
