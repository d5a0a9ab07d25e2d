/**
 * The offline copy's only script, a classic one: `file://` runs no module script from a file and
 * lets no page `fetch`, so the site's own scripts are left out of the copy and this one searches
 * the index `offline-index.js` sets (`window.waymarkOfflineIndex`), loaded by a `<script>` on the
 * first focus of the search box. `data-root` on its tag is the way up to the copy's top folder.
 * Results are built with `textContent`: nothing from a page is parsed as HTML.
 */
export const offlineScript = `(function () {
	var tag = document.currentScript;
	var root = (tag && tag.getAttribute('data-root')) || '';
	var input = document.getElementById('search-input');
	var list = document.getElementById('search-results');
	var status = document.getElementById('search-status');
	if (!input || !list) return;
	if (input.form) input.form.addEventListener('submit', function (event) { event.preventDefault(); });
	var loading;
	function load() {
		if (window.waymarkOfflineIndex) return Promise.resolve(window.waymarkOfflineIndex);
		if (!loading) loading = new Promise(function (resolve, reject) {
			var script = document.createElement('script');
			script.src = root + '_waymark/offline-index.js';
			script.onload = function () { resolve(window.waymarkOfflineIndex || []); };
			script.onerror = function () { loading = undefined; reject(new Error('index')); };
			document.head.appendChild(script);
		});
		return loading;
	}
	function excerpt(text, word) {
		var at = Math.max(0, text.toLowerCase().indexOf(word) - 60);
		return (at > 0 ? '… ' : '') + text.slice(at, at + 160) + (at + 160 < text.length ? ' …' : '');
	}
	function show(query) {
		var words = query.toLowerCase().split(/\\s+/).filter(Boolean);
		list.textContent = '';
		if (words.length === 0) { list.hidden = true; if (status) status.textContent = ''; return; }
		load().then(function (index) {
			var found = [];
			index.forEach(function (entry) {
				var title = entry.title.toLowerCase();
				var text = entry.text.toLowerCase();
				var score = 0;
				for (var i = 0; i < words.length; i++) {
					var inTitle = title.indexOf(words[i]) >= 0;
					if (!inTitle && text.indexOf(words[i]) < 0) return;
					score += inTitle ? 10 : 1;
				}
				found.push({ entry: entry, score: score });
			});
			found.sort(function (a, b) { return b.score - a.score; });
			list.textContent = '';
			found.slice(0, 10).forEach(function (hit) {
				var item = document.createElement('li');
				var link = document.createElement('a');
				link.href = root + hit.entry.file;
				link.textContent = hit.entry.title;
				var words0 = document.createElement('p');
				words0.textContent = excerpt(hit.entry.text, words[0]);
				item.appendChild(link);
				item.appendChild(words0);
				list.appendChild(item);
			});
			list.hidden = false;
			if (status) status.textContent = found.length === 0 ? 'No results' : found.length + ' result(s)';
			if (found.length === 0) { var none = document.createElement('li'); none.textContent = 'No results for ' + query; list.appendChild(none); }
		}, function () { if (status) status.textContent = 'Search could not load.'; });
	}
	input.addEventListener('focus', function () { load().catch(function () {}); });
	input.addEventListener('input', function () { show(input.value); });
	document.addEventListener('keydown', function (event) {
		var target = event.target;
		if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
		if (target && target.closest && target.closest('input, textarea, select, [contenteditable="true"]')) return;
		event.preventDefault();
		input.focus();
	});
})();
`;
