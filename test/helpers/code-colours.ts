import { codeColoursCss } from '../../markdown/code-colours.ts';

/** Every custom property the stylesheet gives each class (`c3` → {'--shiki-light': '#…', …}); `pre` for the block rule. */
export function classColours(): Map<string, Record<string, string>> {
	const byClass = new Map<string, Record<string, string>>();
	for (const [, selector = '', body = ''] of codeColoursCss.matchAll(/^([^{]+)\{([^}]*)\}$/gm)) {
		const name =
			selector === '.astro-code' ? 'pre' : /^\.astro-code \.([a-z]\d+)$/.exec(selector)?.[1];
		if (!name) throw new Error(`unexpected rule ${selector}`);
		byClass.set(name, declarations(body));
	}
	return byClass;
}

export function declarations(style: string): Record<string, string> {
	const props: Record<string, string> = {};
	for (const part of style.split(';')) {
		const colon = part.indexOf(':');
		if (colon > 0)
			props[part.slice(0, colon).trim()] = part
				.slice(colon + 1)
				.trim()
				.toLowerCase();
	}
	return props;
}
