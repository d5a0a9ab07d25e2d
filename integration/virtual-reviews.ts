import type { Plugin } from 'vite';
import type { SiteReviews } from '../src/lib/reviews.ts';

const id = 'virtual:waymark/reviews';

/** Serves the pages due for review, as the build judged them, as `virtual:waymark/reviews`. */
export function virtualReviewsPlugin(reviews: SiteReviews): Plugin {
	return {
		name: 'waymark:reviews',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(reviews)};` : undefined),
	};
}
