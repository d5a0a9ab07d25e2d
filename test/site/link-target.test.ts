import { expect, test } from 'vitest';
import { rewriteHref } from '../../src/markdown/link-target.ts';

const files = {
	pages: new Set(['README.md', 'erp/README.md', 'erp/ops.md', 'erp/db notes.md', 'docs/index.mdx', 'lang/c++.md']),
	assets: new Set(['erp/restore-checklist.txt', 'erp/img/topology one.png']),
	folders: new Set(['', 'erp', 'erp/img', 'docs', 'empty']),
};

test.each([
	['a sibling page with its anchor', 'erp/README.md', 'ops.md#restore-it', '/', '/erp/ops/#restore-it'],
	['a README to its folder route', 'erp/ops.md', '../README.md', '/', '/'],
	['a percent-encoded path and anchor', 'erp/ops.md', 'db%20notes.md#caf%C3%A9', '/', '/erp/db%20notes/#caf%C3%A9'],
	['a file of the tree to where it is served', 'erp/ops.md', 'restore-checklist.txt', '/', '/erp/restore-checklist.txt'],
	['an image with spaces', 'erp/ops.md', 'img/topology%20one.png', '/', '/erp/img/topology%20one.png'],
	['a folder to its index page', 'README.md', 'docs/', '/', '/docs/'],
	['a folder link without a slash', 'README.md', 'erp', '/', '/erp/'],
	['under a base path', 'erp/README.md', 'ops.md', '/runbooks/', '/runbooks/erp/ops/'],
	['an asset under a base path', 'erp/README.md', 'restore-checklist.txt', '/runbooks', '/runbooks/erp/restore-checklist.txt'],
	['a same-page anchor unchanged', 'erp/ops.md', '#health-checks', '/', '#health-checks'],
	['an external link unchanged', 'erp/ops.md', 'https://example.com/x.md', '/', 'https://example.com/x.md'],
	['a mailto link unchanged', 'erp/ops.md', 'mailto:ops@example.com', '/', 'mailto:ops@example.com'],
	['a link above the root unchanged', 'erp/ops.md', '../../vibe/README.md', '/', '../../vibe/README.md'],
	['a root-absolute page link from the root', 'erp/ops.md', '/README.md', '/', '/'],
	['a root-absolute link under a base path', 'docs/index.mdx', '/erp/ops.md#restore-it', '/runbooks/', '/runbooks/erp/ops/#restore-it'],
	['a root-absolute file link', 'README.md', '/erp/img/topology%20one.png', '/', '/erp/img/topology%20one.png'],
	["the site's status page", 'erp/ops.md', '/status/', '/runbooks/', '/runbooks/status/'],
	['a page named with `+` to a route servers find', 'README.md', 'lang/c%2B%2B.md', '/', '/lang/c++/'],
])('rewrites %s', (_name, from, href, base, expected) => {
	expect(rewriteHref(from, href, base, files)).toBe(expected);
});
