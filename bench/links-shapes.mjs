// The host shapes of bench/links.mjs: for each, the URL pool over the loopback web's ports and the
// answer key (which URLs are dead). Every shape is linked from the same number of pages and links,
// so the shapes differ only in how the links spread over hosts and how the hosts answer.

/**
 * @typedef {{ ports: number[]; slow: number; limited: number; fast: number; perUrl: number; closed: number }} WebPorts
 * @typedef {{ id: string; title: string; pool: string[]; dead: Set<string>; ports: number[]; floorMs?: number }} Shape
 */

/** @param {WebPorts} web @param {{ slowMs: number; fastUrls: number; perUrlUrls: number }} sizes @returns {Shape[]} */
export function buildShapes(web, { slowMs, fastUrls, perUrlUrls }) {
	return [
		mixed(web, slowMs),
		fastHost(web.fast, fastUrls),
		perUrlRetryAfter(web.perUrl, perUrlUrls),
	];
}

/** Many ordinary hosts, a slow host, a host limiting requests in flight and a refusing port. */
function mixed(
	/** @type {WebPorts} */ { ports, slow, limited, closed },
	/** @type {number} */ slowMs,
) {
	/** @type {string[]} */
	const pool = [];
	const dead = new Set();
	ports.forEach((port, h) => {
		const o = `http://127.0.0.1:${port}`;
		const add = (/** @type {string} */ kind, /** @type {number} */ count, isDead = false) => {
			for (let i = 0; i < count; i++) {
				pool.push(`${o}/${kind}/${i}`);
				if (isDead) dead.add(`${o}/${kind}/${i}`);
			}
		};
		add('ok', 40);
		add('nohead', 2);
		add('temp', 2);
		add('moved', 1);
		add('dead', 2, true);
		add('gone', 1, true);
		add('bot', 1);
		for (let i = 0; i < 2; i++) pool.push(`${o}/anchors/${i}#present`);
		pool.push(`${o}/anchors/0#missing`);
		dead.add(`${o}/anchors/0#missing`);
		if (h % 3 === 0) add('throttle', 1);
		if (h % 3 === 1) add('busy', 1);
	});
	for (let i = 0; i < 10; i++) pool.push(`http://127.0.0.1:${slow}/slow/${i}`);
	for (let i = 0; i < 20; i++) pool.push(`http://127.0.0.1:${limited}/page/${i}`);
	for (let i = 0; i < 30; i++) {
		pool.push(`http://127.0.0.1:${closed}/page/${i}`);
		dead.add(`http://127.0.0.1:${closed}/page/${i}`);
	}
	return {
		id: 'mixed',
		title: `${ports.length} ordinary hosts, a slow host (10 pages at ${slowMs} ms), a host answering 429 above 3 in flight (20 pages), a refusing port (30 URLs)`,
		pool,
		dead,
		ports: [...ports, slow, limited, closed],
		floorMs: slowMs,
	};
}

/** One host answering every request at once; one URL in 25 is a 404. */
function fastHost(/** @type {number} */ port, /** @type {number} */ count) {
	return oneHost(
		'fast-host',
		`one fast, healthy host (${count} URLs answered at once)`,
		port,
		count,
	);
}

/** One host answering each URL `429 Retry-After: 1` until a second after that URL's first request. */
function perUrlRetryAfter(/** @type {number} */ port, /** @type {number} */ count) {
	return oneHost(
		'retry-after-per-url',
		`one host answering each URL's first request with 429 Retry-After: 1 (${count} URLs; a retry before the second is up gets another 429)`,
		port,
		count,
	);
}

function oneHost(
	/** @type {string} */ id,
	/** @type {string} */ title,
	/** @type {number} */ port,
	/** @type {number} */ count,
) {
	const pool = [];
	const dead = new Set();
	for (let i = 0; i < count; i++) {
		const url = `http://127.0.0.1:${port}/${i % 25 === 24 ? 'dead' : 'ok'}/${i}`;
		pool.push(url);
		if (url.includes('/dead/')) dead.add(url);
	}
	return { id, title, pool, dead, ports: [port] };
}
