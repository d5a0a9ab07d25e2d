import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';

/**
 * Files that hold a secret, for tests of what the site publishes: names that hold one whatever
 * their content (one of each shape `tree/secret-files.ts` names), and contents that hold one
 * whatever their name. Each takes a marker to find in the output if it leaked.
 */
export const secretNames = [
	'id_rsa',
	'ops/id_ed25519',
	'certs/tls.pem',
	'certs/server.key',
	'store.p12',
	'terraform.tfstate',
	'infra/prod.tfvars',
	'secrets.yml',
	'group_vars/vault_secrets.yml',
	'backup.sql',
	'kubeconfig',
	'htpasswd',
	'env.production',
	'scripts/prod.env',
	'ops/app.env.local',
];

const { privateKey } = generateKeyPairSync('ec', {
	namedCurve: 'P-256',
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const secretContents: Array<(marker: string) => string> = [
	(m) => `${privateKey}${m}\n`,
	(m) => `$ANSIBLE_VAULT;1.1;AES256\n${m}\n`,
	(m) => `apiVersion: v1\nkind: Config\nusers:\n- name: ${m}\n  user:\n    token: abc\n`,
	(m) => `machine db.example.lab login ${m} password hunter2\n`,
	(m) => `-- PostgreSQL database dump\n-- ${m}\n`,
	(m) => `#!/bin/sh\n# ${m}\nexport PGPASSWORD=Tr0ub4dor-and-3\npg_dump erp > erp.sql\n`,
	(m) =>
		`# ${m}\nspring.datasource.url=jdbc:postgresql://db.example.lab/erp\nspring.datasource.password=Kx9-vQ2rL7\n`,
];

/** An SVG that runs script three ways (`onload`, `<script>`, a `javascript:` link); `marker` is in its text. */
export const scriptedSvg = (marker: string) =>
	`<svg xmlns="http://www.w3.org/2000/svg" onload="alert('${marker}')" width="4" height="4"><desc>${marker}</desc><script>alert('SCRIPT-MARKER')</script><a href="javascript:alert(1)"><rect width="4" height="4"/></a></svg>\n`;

/** A 1×1 PNG. */
export const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

/**
 * One file of every shape above under `dir` (absolute paths → contents), each marked
 * `SECRET-MARKER-…`, and their paths relative to `dir`.
 */
export function secretFiles(dir: string): { files: Record<string, string>; paths: string[] } {
	const files: Record<string, string> = {};
	const paths: string[] = [];
	secretNames.forEach((name, i) => {
		files[join(dir, name)] = `SECRET-MARKER-name-${i}\n`;
		paths.push(name);
	});
	secretContents.forEach((content, i) => {
		files[join(dir, `notes/plain-${i}.txt`)] = content(`SECRET-MARKER-content-${i}`);
		paths.push(`notes/plain-${i}.txt`);
	});
	return { files, paths };
}
