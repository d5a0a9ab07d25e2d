import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { toolNames } from '../../tools/index.ts';
import { toolFixtureLines } from '../helpers/tool-fixture-lines.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';

// A page's words become keys of the tools' tables (a GitBook hint's style, a just-the-docs callout's
// class, a Jekyll include's name, a VitePress container's kind): a word that names a property every
// object has (`constructor`, `toString`, `__proto__`) must read as any unknown word does, never as
// the property. Generated from each tool's fixture pages: every line that holds syntax, each of its
// words in turn replaced by each such name; the rewrite may not throw, nor write what the
// property holds (`function`, `[native code]`, `[object Object]`).
const inherited = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

test.each(toolNames)(
	'%s: a word that names a property of every object reads as any other word',
	(tool) => {
		const lines = toolFixtureLines(tool).filter((line) => /[A-Za-z]/.test(line));
		expect(lines.length).toBeGreaterThan(10);
		const failures: string[] = [];
		for (const line of lines) {
			const words = [...line.matchAll(/[A-Za-z][\w-]*/g)];
			for (const word of words)
				for (const key of inherited) {
					const page = line.slice(0, word.index) + key + line.slice(word.index + word[0].length);
					try {
						const out = rewriteAs(`# Page\n\n${page}\n`, {
							dialect: tool,
							path: 'ops/page.md',
							pages: new Set(['ops/page.md']),
						});
						if (
							/\[native code\]|\[object Object\]|function \w*\(/.test(out.text) &&
							!/\[native code\]|\[object Object\]|function \w*\(/.test(page)
						)
							failures.push(
								`${JSON.stringify(page)}: wrote ${JSON.stringify(out.text.slice(0, 120))}`,
							);
					} catch (error) {
						failures.push(`${JSON.stringify(page)}: threw ${(error as Error).message}`);
					}
				}
		}
		expect(failures.slice(0, 20)).toEqual([]);
	},
	60_000,
);
