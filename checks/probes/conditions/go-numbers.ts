/**
 * Go's number readers as Gatus uses them: `strconv.ParseInt(s, 0, 64)`, `strconv.ParseFloat(s, 64)`
 * and `time.ParseDuration`, so `0x1F`, `0o17`, `0b101`, `1_000`, `1.5e3` and `1h30m` read exactly
 * as they do in Gatus. Integers are `bigint` (Go's int64).
 */
const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;

/** Go `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOK(text: string): boolean {
	let s = text;
	let saw = '^';
	let i = 0;
	if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
	let hex = false;
	if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1]!.toLowerCase())) {
		i = 2;
		saw = '0';
		hex = s[1]!.toLowerCase() === 'x';
	}
	for (; i < s.length; i++) {
		const c = s[i]!;
		if ((c >= '0' && c <= '9') || (hex && /[a-f]/i.test(c))) {
			saw = '0';
			continue;
		}
		if (c === '_') {
			if (saw !== '0') return false;
			saw = '_';
			continue;
		}
		if (saw === '_') return false;
		saw = '!';
	}
	return saw !== '_';
}

/** `strconv.ParseInt(text, 0, 64)`; `undefined` where Go returns an error. */
export function parseGoInt(text: string): bigint | undefined {
	let s = text;
	const negative = s.startsWith('-');
	if (negative || s.startsWith('+')) s = s.slice(1);
	if (s === '') return undefined;
	let base = 10n;
	let digits = s;
	if (s[0] === '0') {
		const prefix = s[1]?.toLowerCase();
		if (s.length >= 3 && (prefix === 'b' || prefix === 'o' || prefix === 'x')) {
			base = prefix === 'b' ? 2n : prefix === 'o' ? 8n : 16n;
			digits = s.slice(2);
		} else {
			base = 8n;
			digits = s.slice(1);
		}
	}
	let value = 0n;
	for (const c of digits) {
		if (c === '_') continue;
		const d = /[0-9]/.test(c)
			? BigInt(c.charCodeAt(0) - 48)
			: /[a-z]/i.test(c)
				? BigInt(c.toLowerCase().charCodeAt(0) - 87)
				: base;
		if (d >= base) return undefined;
		value = value * base + d;
	}
	if (s.includes('_') && !underscoreOK(s)) return undefined;
	if (negative ? value > -int64Min : value > int64Max) return undefined;
	return negative ? -value : value;
}

/** `strconv.ParseFloat(text, 64)`; `undefined` where Go returns an error (including overflow). */
export function parseGoFloat(text: string): number | undefined {
	if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
	if (/^nan$/i.test(text)) return NaN;
	let value: number;
	const hex =
		/^([+-]?)0[xX](?=[0-9a-fA-F_.]*[0-9a-fA-F])([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9][0-9_]*)$/.exec(
			text,
		);
	if (hex) {
		const [, sign, whole = '', fraction = '', exponent = '0'] = hex.map((part) =>
			part?.replaceAll('_', ''),
		);
		value =
			parseInt(`${whole}${fraction}` || '0', 16) *
			2 ** (Number(exponent) - 4 * fraction.length) *
			(sign === '-' ? -1 : 1);
	} else if (/^[+-]?(?=[0-9_.]*[0-9])[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?$/.test(text)) {
		value = Number(text.replaceAll('_', ''));
	} else {
		return undefined;
	}
	if (text.includes('_') && !underscoreOK(text)) return undefined;
	return Number.isFinite(value) ? value : undefined;
}

/** Go's `int64(f)`: truncation; NaN, infinities and out-of-range values give the minimum, as on amd64. */
export function goInt64FromFloat(f: number): bigint {
	return Number.isFinite(f) && f > -(2 ** 63) && f < 2 ** 63 ? BigInt(Math.trunc(f)) : int64Min;
}

const durationUnits: Record<string, bigint> = {
	ns: 1n,
	us: 1000n,
	µs: 1000n,
	μs: 1000n,
	ms: 1_000_000n,
	s: 1_000_000_000n,
	m: 60_000_000_000n,
	h: 3_600_000_000_000n,
};
const limit = 1n << 63n;

/** `time.ParseDuration(text)` in nanoseconds; `undefined` where Go returns an error. */
export function parseGoDuration(text: string): bigint | undefined {
	let s = text;
	const negative = s.startsWith('-');
	if (negative || s.startsWith('+')) s = s.slice(1);
	if (s === '0') return 0n;
	if (s === '') return undefined;
	let total = 0n;
	while (s !== '') {
		const m = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/.exec(s)!;
		const [all, whole = '', fraction, unitText = ''] = m;
		if (whole === '' && !fraction) return undefined;
		const unit = durationUnits[unitText];
		if (unit === undefined) return undefined;
		let v = BigInt(whole || '0');
		if (v > limit / unit) return undefined;
		v *= unit;
		if (fraction) {
			// Go keeps at most the digits that fit in a uint64, then scales in float64.
			let f = 0n;
			let scale = 1;
			for (const c of fraction) {
				const next = f * 10n + BigInt(c);
				if (f > int64Max / 10n || next > limit) break;
				f = next;
				scale *= 10;
			}
			v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
			if (v > limit) return undefined;
		}
		total += v;
		if (total > limit) return undefined;
		s = s.slice(all.length);
	}
	if (!negative && total > int64Max) return undefined;
	return negative ? -total : total;
}
