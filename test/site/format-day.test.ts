import { expect, test } from 'vitest';
import { describeReviewChange, formatDay } from '../../src/lib/reviews.ts';

test('a day is written as the page header writes dates, in UTC whatever the machine’s zone', () => {
	expect(formatDay('2026-11-02')).toBe('November 2, 2026');
	expect(formatDay('2024-02-29')).toBe('February 29, 2024');
	expect(formatDay('2026-01-01')).toBe('January 1, 2026');
	expect(describeReviewChange({ kind: 'alert rule', name: 'ErpBackupFailed', on: '2026-11-02', fields: ['expr'] })).toBe('alert rule ErpBackupFailed changed on November 2, 2026 (expr)');
});

test('text that is not a day is kept as it is', () => {
	for (const text of ['', 'yesterday', '2026-13-01', '2026-11-02T10:00']) expect(formatDay(text)).toBe(text);
});
