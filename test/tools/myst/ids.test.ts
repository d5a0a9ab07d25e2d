import { describe, expect, test } from 'vitest';
import { docutilsId, labelIdentifier, mystHtmlId } from '../../../tools/myst/ids.ts';

describe('ids as MyST writes them', () => {
	test.each([
		['backup:restore', 'backup-restore'],
		['Restore a backup', 'restore-a-backup'],
		['1. Install', 'id-1-install'],
		['  Node   scale-up  ', 'node-scale-up'],
		["Don't panic", 'dont-panic'],
		['API_key (v2)', 'api-key-v2'],
	])('mystmd: %s → %s', (label, id) => expect(mystHtmlId(label)).toBe(id));

	test.each([
		['backup:restore', 'backup-restore'],
		['Restore a backup', 'restore-a-backup'],
		['1. Install', 'install'],
		['Café déjà vu', 'cafe-deja-vu'],
		['API_key (v2)', 'api-key-v2'],
	])('docutils: %s → %s', (label, id) => expect(docutilsId(label)).toBe(id));

	test('labels match in any case and spacing, quotes left out', () => {
		expect(labelIdentifier('Backup  Restore')).toBe(labelIdentifier('backup restore'));
		expect(labelIdentifier('"quoted"')).toBe('quoted');
	});
});
