import { describe, expect, it, vi } from 'vitest';
import { runInNewContext } from 'node:vm';
import { trimHeap, trimHeapIfLarge, trimHeapWhenGrown } from '../../core/heap-trim.ts';

describe('trimHeap', () => {
	it('collects garbage at once and hands the freed heap back', () => {
		// Garbage once the function returns: nothing holds the list.
		const held = (() => {
			const garbage = Array.from({ length: 500_000 }, (_, n) => ({ n, text: `page ${n}` }));
			expect(garbage.length).toBe(500_000);
			return process.memoryUsage();
		})();
		trimHeap();
		const after = process.memoryUsage();
		// Half a million small objects are tens of MB; nothing but a collection frees them this fast.
		expect(held.heapUsed - after.heapUsed).toBeGreaterThan(20 * 2 ** 20);
		expect(held.heapTotal - after.heapTotal).toBeGreaterThan(20 * 2 ** 20);
	});

	it('leaves no global `gc` behind, here or in contexts made later (workers, sandboxes)', () => {
		trimHeap();
		expect('gc' in globalThis).toBe(false);
		expect(runInNewContext('typeof gc')).toBe('undefined');
	});
});

describe('trimHeapIfLarge', () => {
	it('trims a process of 1 GiB or more, and leaves a smaller one alone', () => {
		expect(trimHeapIfLarge(2 ** 30 - 1)).toBe(false);
		expect(trimHeapIfLarge(2 ** 30)).toBe(true);
	});
});

describe('trimHeapWhenGrown', () => {
	it('trims once the process has grown by the allowance, or by half its size when that is more, measured again after each trim', () => {
		vi.useFakeTimers();
		try {
			let rss = 800;
			const trim = vi.fn(() => {
				rss = after;
			});
			let after = 1200;
			const stop = trimHeapWhenGrown({ growth: 500, every: 10, rss: () => rss, trim });
			const look = (size: number): void => {
				rss = size;
				vi.advanceTimersByTime(10);
			};
			// From 800 the allowance (500) is more than half (400): due at 1300.
			look(1299);
			expect(trim).not.toHaveBeenCalled();
			look(1300);
			expect(trim).toHaveBeenCalledTimes(1);
			// From 1200, half (600) is more: due at 1800, not at 1700.
			after = 2000;
			look(1799);
			expect(trim).toHaveBeenCalledTimes(1);
			look(1800);
			expect(trim).toHaveBeenCalledTimes(2);
			// From 2000: due at 3000.
			look(2999);
			expect(trim).toHaveBeenCalledTimes(2);
			stop();
			look(9000);
			expect(trim).toHaveBeenCalledTimes(2);
		} finally {
			vi.useRealTimers();
		}
	});

	it('skips a tick whose reading fails (no file descriptor left), and trims at the next that reads', () => {
		vi.useFakeTimers();
		try {
			let reading: () => number = () => 800;
			const trim = vi.fn();
			const stop = trimHeapWhenGrown({ growth: 500, every: 10, rss: () => reading(), trim });
			reading = () => {
				throw Object.assign(new Error('EMFILE: too many open files, uv_resident_set_memory'), {
					code: 'EMFILE',
				});
			};
			expect(() => vi.advanceTimersByTime(30)).not.toThrow();
			expect(trim).not.toHaveBeenCalled();
			reading = () => 1300;
			vi.advanceTimersByTime(10);
			expect(trim).toHaveBeenCalledTimes(1);
			stop();
		} finally {
			vi.useRealTimers();
		}
	});
});
