import { headerKeyPosition } from '../../markdown/header-block.ts';
import { reviewDay } from '../../markdown/review-date.ts';
import { positionOfKey, type PageModel } from '../../tree/parse-page.ts';
import type { Position } from '../finding.ts';

/** Who answers for a page and when it was last reviewed, as the page header shows them. */
export interface ReviewFields {
	owner?: string;
	/** The review day (`YYYY-MM-DD`) and where it is written. */
	reviewed?: { day: string; position: Position };
}

/**
 * `owner` and `reviewed` from frontmatter, else from the header block (`> **Owner:**`,
 * `> **Reviewed:**`), as `resolvePageHeader` reads them. A value that is not a date counts as none
 * here: `frontmatter` and `header-block` report it.
 */
export function reviewFieldsOf(page: PageModel): ReviewFields {
	const data = page.frontmatter?.data;
	const block = page.headerBlock;
	const fields: ReviewFields = {};
	const owner =
		typeof data?.['owner'] === 'string' && data['owner'].trim()
			? data['owner'].trim()
			: block?.owner?.trim();
	if (owner) fields.owner = owner;
	const fromFrontmatter = reviewDay(data?.['reviewed']);
	const fromBlock = reviewDay(block?.reviewed);
	if (fromFrontmatter && page.frontmatter)
		fields.reviewed = {
			day: fromFrontmatter,
			position: positionOfKey(page.frontmatter, ['reviewed']),
		};
	else if (fromBlock && block)
		fields.reviewed = { day: fromBlock, position: headerKeyPosition(block, 'reviewed') };
	return fields;
}
