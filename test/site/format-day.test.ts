import { afterEach, expect, test, vi } from 'vitest';
import { describeReviewChange, formatDay } from '../../integration/reviews.ts';

afterEach(() => {
	vi.unstubAllEnvs();
});

// A zone where midnight UTC is still the day before (Pago Pago) and one where it is already the next (Kiritimati).
test.each(['UTC', 'Pacific/Pago_Pago', 'Pacific/Kiritimati'])(
	'a day is written as the page header writes dates, in the TZ=%s zone too',
	(zone) => {
		vi.stubEnv('TZ', zone);
		expect(formatDay('2026-11-02')).toBe('November 2, 2026');
		expect(formatDay('2024-02-29')).toBe('February 29, 2024');
		expect(formatDay('2026-01-01')).toBe('January 1, 2026');
	},
);

test.each(['', 'yesterday', '2026-13-01', '2026-11-02T10:00'])(
	'text that is not a day is kept as it is: %j',
	(text) => {
		expect(formatDay(text)).toBe(text);
	},
);

test('a reason a page is due names the change and its day', () => {
	expect(
		describeReviewChange({
			kind: 'alert rule',
			name: 'ErpBackupFailed',
			on: '2026-11-02',
			fields: ['expr'],
		}),
	).toBe('alert rule ErpBackupFailed changed on November 2, 2026 (expr)');
});
