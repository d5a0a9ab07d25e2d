import { expect, test } from 'vitest';
import { parseCondition } from '../../checks/probes/conditions.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A condition written without spaces and with a misspelt placeholder is suggested whole, fixed
// both ways, in one run: the spacing fix alone (`[STAUTS] == 200`) failed again on the next run.
// Generated: valid conditions of every placeholder, each misspelt (a letter dropped, doubled or
// swapped with the next) and squeezed, must suggest the condition as it was.
const valid = [
	'[STATUS] == 200',
	'[RESPONSE_TIME] < 300',
	'[BODY].status == UP',
	'len([BODY].items) > 0',
	'[CONNECTED] == true',
	'[CERTIFICATE_EXPIRATION] > 48h',
	'[DOMAIN_EXPIRATION] > 720h',
	'[DNS_RCODE] == NOERROR',
	'has([BODY].errors) == false',
	'[IP] == 127.0.0.1',
	'[STATUS] != 503',
	'[RESPONSE_TIME] <= 500',
	'[BODY].replicas >= 2',
];
const random = seededRandom(26);

function misspelt(name: string): string {
	const at = 1 + Math.floor(random() * (name.length - 2));
	const how = pickItem(random, ['drop', 'double', 'swap'] as const);
	if (how === 'drop') return name.slice(0, at) + name.slice(at + 1);
	if (how === 'double') return name.slice(0, at) + name[at] + name.slice(at);
	return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

test('suggests the whole fix for a squeezed condition with a misspelt placeholder', () => {
	let checked = 0;
	for (let n = 0; n < 200; n++) {
		const condition = pickItem(random, valid);
		expect(parseCondition(condition).ok, condition).toBe(true);
		const [, name = ''] = /\[([A-Z_]+)\]/.exec(condition) ?? [];
		// Two letters (`[IP]`) leave no misspelling one could tell back.
		if (name.length < 4) continue;
		const typo = misspelt(name);
		// A misspelling that is the same letters is no misspelling.
		if (typo === name) continue;
		const written = condition
			.replace(`[${name}]`, `[${typo}]`)
			.replace(/ (==|!=|<=|>=|<|>) /, '$1');
		const parsed = parseCondition(written);
		expect(parsed.ok, written).toBe(false);
		if (!parsed.ok) expect(parsed.message, written).toContain(`did you mean \`${condition}\``);
		checked++;
	}
	expect(checked).toBeGreaterThan(140);
});
