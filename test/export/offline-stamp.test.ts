import { expect, test } from 'vitest';
import { offlinePage, stampText, statusStamp } from '../../export/offline-page.ts';

test('says what the copy is, when it was built, from which commit, and how old its status is', () => {
	expect(
		stampText({
			site: 'Ops guidebooks',
			builtAt: '2026-11-23T08:03:41.000Z',
			commit: 'abc1234',
			statusAt: '2026-11-23T08:02:10.000Z',
		}),
	).toMatchInlineSnapshot(
		`"Offline copy of Ops guidebooks from 2026-11-23 08:03 UTC, commit abc1234. Status as of 2026-11-23 08:02 UTC, not live."`,
	);
	expect(stampText({ site: 'Ops', builtAt: '2026-11-23T08:03:41.000Z' })).toMatchInlineSnapshot(
		`"Offline copy of Ops from 2026-11-23 08:03 UTC."`,
	);
});

test('gives the status a time only when the build checked a probe', () => {
	const probe = (checkedAt: string | null) => ({
		id: 'db',
		state: checkedAt ? 'up' : 'unknown',
		checkedAt,
	});
	const stamp = (snapshot: object) =>
		stampText({ site: 'Ops', builtAt: '2026-11-23T08:03:41.000Z', ...statusStamp(snapshot) });
	expect(
		stamp({
			generatedAt: '2026-11-23T08:02:10.000Z',
			probes: [probe(null), probe('2026-11-23T08:02:09.000Z')],
		}),
	).toMatchInlineSnapshot(
		`"Offline copy of Ops from 2026-11-23 08:03 UTC. Status as of 2026-11-23 08:02 UTC, not live."`,
	);
	// A build that probed nothing (the default) shows every probe unknown: that is no state "as of" its time.
	expect(
		stamp({ generatedAt: '2026-11-23T08:02:10.000Z', probes: [probe(null), probe(null)] }),
	).toMatchInlineSnapshot(
		`"Offline copy of Ops from 2026-11-23 08:03 UTC. Status not checked when the site was built."`,
	);
	expect(stamp({ generatedAt: '2026-11-23T08:02:10.000Z', probes: [] })).toMatchInlineSnapshot(
		`"Offline copy of Ops from 2026-11-23 08:03 UTC."`,
	);
	expect(stamp({})).toBe(stamp({ probes: [] }));
});

test("fills the banner, drops module scripts and adds the copy's script with the way to the top", () => {
	const html =
		'<html><head><script>theme()</script><script type="module" src="/_astro/a.js"></script></head><body><p class="wm-offline-banner" data-offline-banner role="note" hidden data-service-worker="/sw.js"></p><a href="/x/">x</a><script type="module">import "/b.js"</script></body></html>';
	const page = offlinePage(
		html,
		'ops/db/index.html',
		{ site: 'A & B', builtAt: '2026-11-23T08:03:00.000Z' },
		(url) => `R${url}`,
	);
	expect(page).toMatchInlineSnapshot(
		`"<html><head><script>theme()</script></head><body><p class="wm-offline-banner" data-offline-banner role="note">Offline copy of A &#38; B from 2026-11-23 08:03 UTC.</p><a href="R/x/">x</a><script src="../../_waymark/offline.js" data-root="../../"></script></body></html>"`,
	);
});
