// `node --import` this file to bypass the linear-time regex engine (see native-regex.ts).
import { registerHooks } from 'node:module';

const native = new URL('./native-regex.ts', import.meta.url).href;
registerHooks({
	resolve(specifier, context, nextResolve) {
		const resolved = nextResolve(specifier, context);
		return resolved.url.endsWith('/core/linear-regex.ts') ? { ...resolved, url: native } : resolved;
	},
});
