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
const secretWords = /(?:password|passwd|passphrase|secret|token|(?:^|_)(?:pass|pwd|api_?key|access_?key|private_?key|auth_?key|credentials?))$/;

/** `NAME=value` or `export NAME=value` (env files, shell), `name = value` (ini, properties), `- NAME=value` (a compose file's `environment`). */
const assignment = /^\s*(?:-\s+)?(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;
/** `name: value` (YAML) and `"name": "value"` (JSON), the name quoted or not. */
const keyValue = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:\s+(.*?),?\s*$/;

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
	/\(|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/, // code: `ENV.fetch(…)`, `w.token`, `uri.password`
];

/** Documentation's own passwords, read with leetspeak undone (`S3cr3tP@ss`, `Passw0rd!`, `test1234`). */
const madeUp = /^(?:secret|pass|test|example|sample|demo|dummy|changeme|foo|admin|letmein|qwerty|hunter|abc|1234)/;
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Source code, where a literal is quoted and anything else is an expression. */
const codeFile = /\.(?:rb|py|js|mjs|cjs|ts|jsonnet|libsonnet|go|java|kt|php|pl|lua|cs|rs|swift|scala|groovy)$/i;

/**
 * The first line (1-based) of `text` that gives a secret-named key a literal value, and the key;
 * `undefined` when none does. A `secretlint-disable` comment turns it off for the rest of the file,
 * `secretlint-disable-line` for its line and `secretlint-disable-next-line` for the next, as
 * secretlint's own rules are turned off.
 */
export function secretAssignment(text: string, path = ''): { line: number; key: string } | undefined {
	const quotedOnly = codeFile.test(path);
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] as string;
		if (/secretlint-disable(?!-)/.test(line)) return undefined;
		if (line.includes('secretlint-disable-line') || lines[i - 1]?.includes('secretlint-disable-next-line')) continue;
		const [, key, raw] = assignment.exec(line) ?? keyValue.exec(line) ?? [];
		if (key === undefined || raw === undefined || !secretWords.test(words(key))) continue;
		const value = unquoted(raw);
		if ((!quotedOnly || value.quoted) && isLiteralSecret(value.text)) return { line: i + 1, key };
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
	const quoted = /^(["'])(.*?)\1/.exec(raw.trim());
	if (quoted) return { text: quoted[2] as string, quoted: true };
	return { text: raw.replace(/\s+(?:[#;]|\/\/).*$/, '').replace(/,$/, '').trim(), quoted: false };
}

function isLiteralSecret(value: string): boolean {
	const decoded = base64Text(value);
	return looksReal(value) && (decoded === undefined || looksReal(decoded));
}

function looksReal(value: string): boolean {
	return value.length >= 4 && !/\s/.test(value) && !placeholders.some((pattern) => pattern.test(value)) && !madeUp.test(unleet(value));
}

function unleet(value: string): string {
	return [...value.toLowerCase()].map((c) => leet[c] ?? c).join('');
}

/** A Kubernetes Secret's `data` holds its values in base64: what one says, when it is printable text. */
function base64Text(value: string): string | undefined {
	if (!/^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return undefined;
	const text = Buffer.from(value, 'base64').toString('utf8').trim();
	return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
