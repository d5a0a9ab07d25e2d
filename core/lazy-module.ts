import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on the first call, synchronously (Node's `require` of an ES module), then kept:
 * for code that must stay synchronous but needs the package only on rare input, so that every
 * start does not pay for loading it. `specifier` is a bare package name.
 */
export function lazyModule<T>(specifier: string): () => T {
	let loaded: T | undefined;
	return () => (loaded ??= require(specifier) as T);
}
