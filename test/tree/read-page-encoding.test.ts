import { afterAll, beforeAll, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { readPageText } from '../../tree/read-page.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A Markdown file that is not UTF-8 is shown by GitHub decoded in the encoding its detector (ICU's,
// through charlock_holmes) finds, and Waymark shows it the same way, with the finding it always
// had. Each sample: its bytes, the encoding expected, the text expected.
const samples: Array<[name: string, bytes: Buffer, from: string, text: string]> = [
	[
		'a Latin-1 café',
		Buffer.from('# Caf\xe9\n\nLe caf\xe9 est pr\xeat, \xe0 c\xf4t\xe9 de la cl\xe9.\n', 'latin1'),
		'windows-1252',
		'# Café\n\nLe café est prêt, à côté de la clé.\n',
	],
	[
		'Windows-1252 quotes and a euro',
		Buffer.from([0x23, 0x20, 0x93, 0x50, 0x72, 0x69, 0x63, 0x65, 0x94, 0x20, 0x80, 0x35, 0x0a]),
		'windows-1252',
		'# “Price” €5\n',
	],
	[
		'Shift_JIS',
		Buffer.from(
			'23208fe18a5191ce899e82cc8ee88f870a0a8366815b835e8378815b835882aa92e28e7e82b582bd8fea8d8782cd814182dc82b8838c8376838a834a82cc8ff391d482f08a6d944682b582c482ad82be82b382a281428e9f82c981418f9182ab8d9e82dd82f08e7e82df82c482a982e7837483468343838b8349815b836f815b82f08ec08d7382b582dc82b781420a',
			'hex',
		),
		'shift_jis',
		'# 障害対応の手順\n\nデータベースが停止した場合は、まずレプリカの状態を確認してください。次に、書き込みを止めてからフェイルオーバーを実行します。\n',
	],
	[
		'KOI8-R',
		Buffer.from(
			'2320f0c5d2c5dac1d0d5d3cb0a0af3cec1dec1ccc120cfd3d4c1cecfd7c9d4c520dac1d0c9d3d82c20dac1d4c5cd20d0c5d2c5dac1d0d5d3d4c9d4c520c2c1dad520c4c1ceced9c820c920d0d2cfd7c5d2d8d4c520d2c5d0ccc9cbd52e0a',
			'hex',
		),
		'koi8-r',
		'# Перезапуск\n\nСначала остановите запись, затем перезапустите базу данных и проверьте реплику.\n',
	],
];

let root: string;
beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Café](cafe.md)\n',
		...Object.fromEntries(samples.map(([, bytes], i) => [`page-${i}.md`, bytes])),
		'cafe.md': samples[0]?.[1] ?? '',
	});
});
afterAll(() => removeFixture(root));

test.each(samples.map((sample, i) => [...sample, i] as const))(
	'decodes %s as GitHub does',
	async (_, bytes, from, text, i) => {
		const read = await readPageText(root, `page-${i}.md`);
		expect(read).toEqual({ ok: true, text, decoded: { from, line: 1 } });
		// The control: the same text in UTF-8 needs no decoding.
		expect(Buffer.from(text).equals(bytes)).toBe(false);
	},
);

test('a page that is not UTF-8 is a page of the tree, and still a readable-files finding at its first bad line', async () => {
	const tree = await loadGuidebookTree(root);
	expect(tree.pages.get('cafe.md')?.title).toBe('Café');
	expect(tree.unreadable).toEqual([]);
	const report = await runChecks({ root, config: parseConfig({}), tree });
	expect(
		report.findings
			.filter((f) => f.ruleId === 'readable-files' && f.file === 'cafe.md')
			.map(formatFinding),
	).toEqual([
		'cafe.md:1:1: Unexpected text that is not valid UTF-8, expected a readable UTF-8 Markdown file. The site shows it decoded as windows-1252, as GitHub does, under a notice; re-save it as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8`). (readable-files)',
	]);
	// The link to it leads to a page now: no finding at the link.
	expect(report.findings.filter((f) => f.file === 'README.md')).toEqual([]);
});
