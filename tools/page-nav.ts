/** Where a page stands in navigation, as its tool says. */
export interface PageNav {
	/** Position among its siblings (MkDocs `nav`, Docusaurus `sidebar_position` and `_category_` position, Hugo `weight`). */
	order?: number;
	/** Label in navigation lists when the tool gives one (`nav` title, `sidebar_label`, category label, Hugo `linkTitle`). */
	label?: string;
	/** The label is the page's own entry in the tool's navigation (MkDocs `nav`, an mdBook's summary), which that tool titles the page with; not a section's title given to its folder page. */
	titled?: true;
	/** Built but not listed (MkDocs pages left out of `nav`, Hugo `bookHidden`, Docusaurus `unlisted`). */
	hidden?: boolean;
	/** Docusaurus: the file name (a category index: its folder's name) that orders pages of one position. */
	sortKey?: string;
	/** MkDocs `not_in_nav`: left out of navigation on purpose, so never an orphan. */
	notInNav?: boolean;
	/** The path of the page it is listed under, whatever their folders (just-the-docs' `parent`); it stays in its folder's list when that page is missing, hidden or the home page, or when following parents (and folder pages) comes back to it (`markdown/page-nesting.ts`). */
	parent?: string;
}
