import { Parser } from 'htmlparser2';
import {
	isAnchorAttribute,
	isUrlAttribute,
	urlsInAttribute,
} from '../../markdown/html-references.ts';

/** What a streaming read reports: `at` is the source offset of the attribute's name. */
export interface HtmlReaderHandlers {
	anchor?(id: string, at: number): void;
	url?(found: { tag: string; attribute: string; url: string; at: number }): void;
}

/**
 * A streaming reader for whole HTML documents (built pages, HTTP bodies): `write` chunks as they
 * arrive, `end` once. Text inside `<script>`, `<style>`, comments and attribute values never
 * counts, as in a browser.
 */
export function createHtmlReader(handlers: HtmlReaderHandlers): {
	write(chunk: string): void;
	end(): void;
} {
	let tag = '';
	const parser: Parser = new Parser(
		{
			onopentagname(name) {
				tag = name;
			},
			onattribute(attribute, value) {
				const at = parser.startIndex;
				if (isAnchorAttribute(tag, attribute)) {
					if (value) handlers.anchor?.(value, at);
				} else if (handlers.url && isUrlAttribute(tag, attribute)) {
					for (const { url } of urlsInAttribute(attribute, value))
						handlers.url({ tag, attribute, url, at });
				}
			},
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
	);
	return { write: (chunk) => parser.write(chunk), end: () => parser.end() };
}
