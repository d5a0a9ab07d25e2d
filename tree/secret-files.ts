import { open } from 'node:fs/promises';
import { secretAssignment } from './secret-assignments.ts';

/**
 * Files that hold secrets, by name or by content: the site never publishes one, even when a page
 * links it, and `check` names each. Names follow what gitrob, shhgit and gitleaks treat as
 * sensitive files and what `.gitignore` templates keep out of repositories (keys, keystores, env
 * and credential files, Terraform state, vault files, dumps); contents are matched by header
 * (PEM and PuTTY keys, ansible-vault, Terraform state, kube configs with credentials, htpasswd,
 * netrc, SQL dumps, SQLite), by a password or key written out under its name (`secret-assignments.ts`) and by secretlint's recommended rules (cloud, forge and SaaS tokens,
 * private keys, basic auth, connection strings), which a `secretlint-disable` comment in the file
 * turns off for a false alarm.
 */

/** A file name (not its folder) and what such a file holds, as it reads after "file that holds ". */
const secretNames: Array<[RegExp, string]> = [
	[/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?!\.pub$)(?:\..*)?$/i, 'an SSH private key'],
	[/\.(?:pem|key|p8|pk8)$/i, 'a private key or certificate bundle'],
	[/\.(?:p12|pfx|pkcs12|jks|keystore|bks|ppk|keytab|asc\.key)$/i, 'a key store'],
	[/\.kdbx?$/i, 'a password database (KeePass)'],
	// `.env`, `env.production`, `prod.env`, `app.env.local`, direnv's `.envrc`; not their templates (`prod.env.example`).
	[
		/^(?:\.?env|[\w.-]+\.env|\.envrc)(?:\.(?!(?:example|sample|template|tpl|dist|defaults?|schema)$)[\w.-]+)?$/i,
		'environment variables (`.env`)',
	],
	[
		/^[._]?(?:npmrc|yarnrc\.yml|pypirc|netrc|pgpass|git-credentials|dockercfg|htpasswd|s3cfg|boto|my\.cnf)$/i,
		'credentials of a tool',
	],
	[/^credentials(?:\.(?:json|xml|ya?ml|csv))?$/i, 'credentials'],
	[/\.tfstate(?:\.[\w-]+)?$/i, 'Terraform state (it records every secret of the resources)'],
	[/\.tfvars(?:\.json)?$/i, 'Terraform variables'],
	[/^secrets?\.(?:ya?ml|json|toml)$/i, 'secrets'],
	[/^vault(?:[_.-][\w.-]*)?\.ya?ml$/i, 'Ansible vault variables'],
	[
		/(?:^|[_.-])(?:dump|backup|bak)(?:[_.-][\w.-]*)?\.sql$|\.sql\.(?:gz|bz2|xz|zst|zip|7z)$|\.(?:dump|pgdump)$/i,
		'a database dump',
	],
	[/\.(?:sqlite3?|db3)$/i, 'a database (SQLite)'],
	[/^(?:kubeconfig|[\w.-]+\.kubeconfig)$/i, 'a kube config'],
	[/^\.?[\w-]*_history$/i, 'a shell or client history'],
	[/\.ovpn$/i, 'a VPN profile (with its keys)'],
];

/** Credential files known by their folder as well as their name (`.kube/config`, `.docker/config.json`). */
const secretPaths: Array<[RegExp, string]> = [
	[/(?:^|\/)\.kube\/config$/, 'a kube config'],
	[/(?:^|\/)\.docker\/config\.json$/, 'credentials of a tool (Docker)'],
	[/(?:^|\/)\.config\/gh\/hosts\.ya?ml$/, 'credentials of a tool (GitHub CLI)'],
	[/(?:^|\/)\.git\/config$/, "a git repository's config (CI writes its token there)"],
	[/(?:^|\/)(?:\.vault-token|\.terraformrc|terraform\.rc)$/, 'credentials of a tool'],
	[/(?:^|\/)\.aws\/credentials$|(?:^|\/)\.azure\/|(?:^|\/)\.config\/gcloud\//, 'cloud credentials'],
];

/** What a file whose name looks like it holds a secret holds (`a private key …`), else `undefined`. */
export function secretByName(path: string): string | undefined {
	const name = path.slice(path.lastIndexOf('/') + 1);
	return (
		secretNames.find(([pattern]) => pattern.test(name))?.[1] ??
		secretPaths.find(([pattern]) => pattern.test(path))?.[1]
	);
}

/** File contents by their first lines, beyond secretlint's rules. */
const secretContents: Array<[RegExp, string]> = [
	[/^\$ANSIBLE_VAULT;/, 'an ansible-vault file'],
	[/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
	[/^PuTTY-User-Key-File-\d+:/m, 'a private key (PuTTY)'],
	[/^SQLite format 3\0/, 'a database (SQLite)'],
	[/^PGDMP/, 'a database dump (pg_dump)'],
	[
		/^-- (?:MySQL dump|MariaDB dump|PostgreSQL database dump|Dumped from database)/m,
		'a database dump',
	],
	[
		/"terraform_version"\s*:[\s\S]*"lineage"\s*:|"lineage"\s*:[\s\S]*"terraform_version"\s*:/,
		'Terraform state (it records every secret of the resources)',
	],
	[/^[^\s:#]+:(?:\$apr1\$|\$2[abxy]?\$\d\d\$|\{SHA\}|\$[156]\$)/m, 'password hashes (htpasswd)'],
	[/^\s*machine\s+\S+\s+login\s+\S+\s+password\s+\S+/m, 'credentials (netrc)'],
];

const kubeConfig = /^kind:\s*["']?Config\b/m;
const kubeCredential =
	/^\s*(?:client-key-data|client-certificate-data|token|password|client-secret|id-token|refresh-token):\s*\S/m;

/**
 * What `text` holds by the headers and shapes above (keys, vaults, state, dumps, htpasswd, netrc,
 * kube configs with credentials) or a password or key written out under its name, else `undefined`: the synchronous part of `secretByContent`, for
 * readers that cannot wait (MkDocs snippets).
 */
export function secretInText(text: string, path = ''): string | undefined {
	const found = secretContents.find(([pattern]) => pattern.test(text))?.[1];
	if (found) return found;
	if (kubeConfig.test(text) && kubeCredential.test(text)) return 'a kube config with credentials';
	const assigned = text.slice(0, 8192).includes('\0') ? undefined : secretAssignment(text, path);
	if (assigned) return `a password or key written out (\`${assigned.key}\`, line ${assigned.line})`;
	return undefined;
}

/** How much of a file is read to judge it: the headers above are at its start, and a secret in a huge file is still found by name. */
const scannedBytes = 512 * 1024;

// secretlint and its rules (about 1 MB) load with the first text file to judge.
let engine:
	| Promise<
			[
				typeof import('@secretlint/core'),
				typeof import('@secretlint/secretlint-rule-preset-recommend'),
			]
	  >
	| undefined;

/**
 * What the file at `file` (absolute; `path` is how findings name it) holds by its content, read
 * up to 512 KB, else `undefined`. Binary files (a NUL in their first 8 KB) are judged by their
 * headers only. Never throws: an unreadable file is judged by its name alone.
 */
export async function secretByContent(file: string, path: string): Promise<string | undefined> {
	let text: string;
	try {
		const handle = await open(file);
		try {
			const buffer = Buffer.alloc(scannedBytes);
			const { bytesRead } = await handle.read(buffer, 0, scannedBytes, 0);
			text = buffer.subarray(0, bytesRead).toString('utf8');
		} finally {
			await handle.close();
		}
	} catch {
		return undefined;
	}
	return secretInContent(text, path);
}

/**
 * What `text` (a file's content, `path` naming it) holds: `secretInText`'s shapes, then
 * secretlint's recommended rules; binary text (a NUL in its first 8 KB) by its headers only.
 */
export async function secretInContent(text: string, path: string): Promise<string | undefined> {
	const found = secretInText(text, path);
	if (found || text.slice(0, 8192).includes('\0')) return found;
	engine ??= Promise.all([
		import('@secretlint/core'),
		import('@secretlint/secretlint-rule-preset-recommend'),
	]);
	const [{ lintSource }, { creator }] = await engine;
	const result = await lintSource({
		source: {
			filePath: path,
			content: text,
			ext: path.includes('.') ? path.slice(path.lastIndexOf('.')) : '',
			contentType: 'text',
		},
		options: {
			config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] },
			noPhysicFilePath: true,
			maskSecrets: true,
		},
	}).catch(() => undefined);
	const message = result?.messages.find((m) => m.severity === 'error') ?? result?.messages[0];
	return message
		? `a credential (secretlint \`${message.messageId}\`, line ${message.loc.start.line})`
		: undefined;
}

/**
 * The files of `paths` (relative to `dir`) that look like they hold a secret, with what they hold:
 * by name first, else by content. Reads 16 files at a time.
 */
export async function findSecretFiles(
	dir: string,
	paths: readonly string[],
): Promise<Map<string, string>> {
	const secrets = new Map<string, string>();
	for (let i = 0; i < paths.length; i += 16) {
		const batch = paths.slice(i, i + 16);
		const verdicts = await Promise.all(
			batch.map(
				async (path) => secretByName(path) ?? (await secretByContent(`${dir}/${path}`, path)),
			),
		);
		batch.forEach((path, j) => {
			const verdict = verdicts[j];
			if (verdict) secrets.set(path, verdict);
		});
	}
	return secrets;
}
