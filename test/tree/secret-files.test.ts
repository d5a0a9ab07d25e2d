import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findSecretFiles, secretByName } from '../../tree/secret-files.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const { privateKey } = generateKeyPairSync('ec', {
	namedCurve: 'P-256',
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

test.each([
	['ops/id_rsa', 'an SSH private key'],
	['id_ed25519', 'an SSH private key'],
	['certs/server.pem', 'a private key or certificate bundle'],
	['tls.key', 'a private key or certificate bundle'],
	['store.p12', 'a key store'],
	['.env', 'environment variables (`.env`)'],
	['env.production', 'environment variables (`.env`)'],
	['.npmrc', 'credentials of a tool'],
	['htpasswd', 'credentials of a tool'],
	['terraform.tfstate', 'Terraform state (it records every secret of the resources)'],
	['terraform.tfstate.backup', 'Terraform state (it records every secret of the resources)'],
	['prod.tfvars', 'Terraform variables'],
	['secrets.yml', 'secrets'],
	['group_vars/all/vault_secrets.yml', 'Ansible vault variables'],
	['backup.sql', 'a database dump'],
	['db-dump-2024.sql', 'a database dump'],
	['prod.sql.gz', 'a database dump'],
	['kubeconfig', 'a kube config'],
	['.bash_history', 'a shell or client history'],
	['home/.kube/config', 'a kube config'],
	['.docker/config.json', 'credentials of a tool (Docker)'],
	['.config/gh/hosts.yml', 'credentials of a tool (GitHub CLI)'],
	['../.git/config', "a git repository's config (CI writes its token there)"],
	['.vault-token', 'credentials of a tool'],
	['.terraformrc', 'credentials of a tool'],
])('names %s a secret by its name', (path, holds) => {
	expect(secretByName(path)).toBe(holds);
});

test.each([
	'config',
	'docker/config.json',
	'gh/hosts.yml',
	'git/config',
	'id_rsa.pub',
	'.env.example',
	'env.sample',
	'fix-orphans.sql',
	'schema.yml',
	'vaulting.md',
	'keys.md',
	'backup-runbook.png',
	'secrets-rotation.md',
	'terraform.md',
])('does not name %s a secret by its name (the control)', (path) => {
	expect(secretByName(path)).toBeUndefined();
});

let dir: string;
const contents: Record<string, string | Buffer> = {
	'key.txt': privateKey,
	'group.yml': '$ANSIBLE_VAULT;1.1;AES256\n6238396130\n',
	'state.json': JSON.stringify({
		version: 4,
		terraform_version: '1.6.0',
		serial: 3,
		lineage: 'a-b',
		resources: [],
	}),
	'cluster.yaml':
		'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: eyJhbGciOi\n',
	'users.txt': 'ops:$apr1$abc$0123456789abcdefghij\n',
	'machines.txt': 'machine git.example.com login ops password hunter2\n',
	'restore.sql': '-- PostgreSQL database dump\n\nSET statement_timeout = 0;\n',
	'notes.txt': `Our token: ghp_${'a1B2c3D4e5'.repeat(3)}123456\n`,
	// Controls: what runbooks hold every day.
	'README.txt': 'Restart the service with `systemctl restart erp`.\n',
	'play.yml':
		'- hosts: erp\n  tasks:\n    - name: restart\n      service: name=erp state=restarted\n',
	'cluster-public.yaml':
		'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://k8s.example.com\n',
	'map.png': png,
	'fix.sql': 'UPDATE orders SET state = 1 WHERE id = 3;\n',
};

beforeAll(async () => {
	dir = await writeFixture(contents);
});
afterAll(() => removeFixture(dir));

test('names the files that hold a secret by their content, whatever their name, and no other', async () => {
	const found = await findSecretFiles(dir, Object.keys(contents));
	expect(Object.fromEntries(found)).toEqual({
		'key.txt': 'a private key',
		'group.yml': 'an ansible-vault file',
		'state.json': 'Terraform state (it records every secret of the resources)',
		'cluster.yaml': 'a kube config with credentials',
		'users.txt': 'password hashes (htpasswd)',
		'machines.txt': 'credentials (netrc)',
		'restore.sql': 'a database dump',
		'notes.txt': 'a credential (secretlint `GITHUB_TOKEN`, line 1)',
	});
});
