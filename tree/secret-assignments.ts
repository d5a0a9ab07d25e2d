/**
 * A password, token or key written out as a value: `DB_PASSWORD=hunter2` in an env file or a
 * script, `db.password = hunter2` in a properties or ini file, `apiToken: 9f2c…` in YAML or JSON.
 * secretlint finds tokens by their shape (`ghp_…`, `AKIA…`); a password of the team's own making
 * has none, so it is found by the name it is given. A value that only stands for one (`changeme`,
 * `<password>`, `${DB_PASSWORD}`, `{{ vault_db_password }}`, `xxxx`) is not a secret, and neither
 * is a name that merely mentions one (`TOKEN_TTL`, `password_file`, `MAX_PASSWORD_LENGTH`): the
 * name has to end in the secret's word.
 */

/**
 * The words a secret's name ends in, after splitting it at `_`, `-`, `.` and camelCase: the long
 * ones also glued to what comes before (`PGPASSWORD`), the short ones only as words of their own
 * (`DB_PASS`, not `COMPASS`).
 */
const secretWords =
	/(?:password|passwd|passphrase|secret|token|(?:^|_)(?:pass|pwd|api_?key|access_?key|secret_?key|private_?key|auth_?key|signing_?key|encryption_?key|credentials?))$/;

/**
 * Kubernetes' `secretKey:` (in an ExternalSecret, a `secretKeyRef`) names a key of a Secret; its
 * value is that name, never the secret. Django's `SECRET_KEY` and a `secret_key` are secrets.
 */
const kubernetesKeyName = /(?:^|[^A-Za-z])secretKey$/;

/**
 * `NAME=value` or `export NAME=value` (env files, shell), `name = value` (ini, properties),
 * `- NAME=value` (a compose file's `environment`). Each pattern is linear in the line: no two
 * parts can match the same run of spaces (a line of 80,000 spaces took seconds).
 */
const assignment = /^[ \t]*(?:- +)?(?:export +)?([A-Za-z_][\w.-]*)[ \t]*=(.*)$/;
/** `name: value` (YAML), the name quoted or not. */
const keyValue = /^[ \t]*(?:- +)?["']?([A-Za-z_][\w.-]*)["']?:[ \t](.*)$/;
/** `"name": "value"` anywhere in a line (JSON, on one line or many). */
const jsonPair = /"([A-Za-z_][\w.-]*)"[ \t]*:[ \t]*("(?:[^"\\]|\\.)*")/g;
/** Longer lines are data, not settings (a minified file, an embedded image). */
const maxLineLength = 4096;

/** Values that stand for a secret instead of being one. */
const placeholders = [
	/^\$|^%\w+%$|^%\(|^@\w+@$/, // a variable: `$DB_PASSWORD`, `${…}`, `$(pass show …)`, `%PASSWORD%`
	/^<.*>$|^\{\{.*\}\}$|^\[.*\]$|^\{.*\}$/, // `<password>`, `{{ vault_… }}`, `[REDACTED]`, a YAML mapping
	/^(.)\1*$/, // `xxxx`, `****`, `0000`
	/example|sample|change[-_ ]?me|replace|your[-_ ]|dummy|placeholder|redacted|fixme|todo|xxx|\*\*\*|\.\.\./i,
	/^(?:true|false|null|none|nil|~|yes|no|on|off|required|optional|string|secret|password|token)$/i,
	/^!/, // a YAML tag such as `!vault` or `!env_var`: the value is elsewhere
	/^(?:\/|\.\.?\/|~\/|file:)/, // a path to the file that holds it
	/^(?:my|your|the|some|a)[-_]/i, // `my-token`
	/\s(?:.*\s)?(?:the|see|ask|use|from|in|on|at|is|here|stored|kept)\b/i, // a sentence: `"hunter2 or the one in the vault"`
	/\{\{|\$\{|\{%/, // a template anywhere in it: `"{{ .token | upper }} was templated"`
	// Code: `ENV.fetch(…)`, `w.token`, `uri.password` (words of a name, not a token's long segments).
	/\(|^[A-Za-z_$][\w$]{0,40}(?:\.[A-Za-z_$][\w$]{0,40})+$/,
];

/**
 * Documentation's own passwords: nothing but such words, digits and punctuation, as written or
 * with leetspeak undone (`S3cr3tP@ss`, `Passw0rd!`, `test1234`, `admin123`). A password of the
 * team's (`Admin-Prod-2024!`) has a word of its own.
 */
const madeUp =
	/^(?:(?:super|secret|pass|password|test|example|sample|demo|dummy|changeme|change|me|foo|bar|admin|root|letmein|qwerty|hunter|abc|xyz)[\d\W_]*)+$/;
const leet: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'@': 'a',
	$: 's',
};

/** Source code, where a literal is quoted and anything else is an expression. */
const codeFile =
	/\.(?:rb|py|js|mjs|cjs|ts|jsonnet|libsonnet|go|java|kt|php|pl|lua|cs|rs|swift|scala|groovy)$/i;

/**
 * The first line (1-based) of `text` that gives a secret-named key a literal value, and the key;
 * `undefined` when none does. A `secretlint-disable` comment turns it off for the rest of the file,
 * `secretlint-disable-line` for its line and `secretlint-disable-next-line` for the next, as
 * secretlint's own rules are turned off.
 */
export function secretAssignment(
	text: string,
	path = '',
): { line: number; key: string } | undefined {
	const quotedOnly = codeFile.test(path);
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] as string;
		if (/secretlint-disable(?!-)/.test(line)) return undefined;
		if (
			line.includes('secretlint-disable-line') ||
			lines[i - 1]?.includes('secretlint-disable-next-line')
		)
			continue;
		if (line.length > maxLineLength) continue;
		const pairs = [assignment.exec(line) ?? keyValue.exec(line), ...line.matchAll(jsonPair)];
		for (const [, key, raw] of pairs.filter((pair) => pair !== null)) {
			if (
				key === undefined ||
				raw === undefined ||
				!secretWords.test(words(key)) ||
				kubernetesKeyName.test(key)
			)
				continue;
			const value = unquoted(raw);
			if ((!quotedOnly || value.quoted) && isLiteralSecret(value)) return { line: i + 1, key };
		}
	}
	return undefined;
}

/** `DB_PASSWORD`, `db.password`, `dbPassword`, `db-password` alike: `db_password`. */
function words(key: string): string {
	return key
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[.-]/g, '_')
		.toLowerCase();
}

/** The value without its quotes, or without a trailing comment (and a trailing comma) when unquoted. */
function unquoted(raw: string): { text: string; quoted: boolean } {
	const trimmed = raw.trim();
	const quote = trimmed[0];
	if (quote === '"' || quote === "'") {
		const end = trimmed.indexOf(quote, 1);
		if (end !== -1) return { text: trimmed.slice(1, end), quoted: true };
	}
	// A comment starts at ` #`, ` ;` or ` //`: searched for by one character class, so linear.
	const comment = trimmed.search(/\s(?:[#;]|\/\/)/);
	const text = (comment === -1 ? trimmed : trimmed.slice(0, comment)).trimEnd();
	return { text: text.endsWith(',') ? text.slice(0, -1).trimEnd() : text, quoted: false };
}

/** A quoted value may hold spaces (a passphrase); an unquoted one with spaces is prose. */
function isLiteralSecret(value: { text: string; quoted: boolean }): boolean {
	if (!value.quoted && /\s/.test(value.text)) return false;
	const decoded = base64Text(value.text);
	return looksReal(value.text) && (decoded === undefined || looksReal(decoded));
}

function looksReal(value: string): boolean {
	return (
		value.trim().length >= 4 &&
		!placeholders.some((pattern) => pattern.test(value)) &&
		!madeUp.test(value.toLowerCase()) &&
		!madeUp.test(unleet(value))
	);
}

function unleet(value: string): string {
	return [...value.toLowerCase()].map((c) => leet[c] ?? c).join('');
}

/** A Kubernetes Secret's `data` holds its values in base64: what one says, when it is printable text. */
function base64Text(value: string): string | undefined {
	if (!/^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value))
		return undefined;
	const text = Buffer.from(value, 'base64').toString('utf8').trim();
	return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
