import { expect, test } from 'vitest';
import { nameAsWords, titleFromPath } from '../../markdown/page-title.ts';

test.each([
	['google-cloud-storage.md', 'Google Cloud Storage'],
	['google_cloud_storage/README.md', 'Google Cloud Storage'],
	['ops/database_peak_analysis.md', 'Database Peak Analysis'],
	['docs/odoo-droplet/index.md', 'Odoo Droplet'],
	['crm-api/README.md', 'CRM API'],
	['kube/k8s-on-call-for-the-team.md', 'K8s on Call for the Team'],
	['alerts/CRMApiDown.md', 'CRMApiDown'],
	['erpnext/ERPNext-queue-backlog.md', 'ERPNext Queue Backlog'],
	['gitlab.com_on_k8s.md', 'Gitlab.com on K8s'],
])('titles %s as %s', (path, title) => {
	expect(titleFromPath(path)).toBe(title);
});

test('leaves the root page to the site title', () => {
	expect(titleFromPath('README.md')).toBeUndefined();
	expect(titleFromPath('index.md')).toBeUndefined();
});

test('never titles a page README or by its raw file name', () => {
	expect(nameAsWords('sidekiq_error_rate_high')).toBe('Sidekiq Error Rate High');
	expect(titleFromPath('events/README.md')).toBe('Events');
});
