import type { AlertSet } from '../alerts/types.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import type { Progress } from '../core/progress.ts';
import type { DiagramService } from '../diagrams/diagram-service.ts';
import type { PageFacts } from './page-view.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import type { BuiltPages } from './built-pages.ts';
import type { LogSink } from './log-sinks.ts';
import type { SitePlan } from './site-plan.ts';

/**
 * What `waymark build` (`build-site.ts`) and `waymark dev` hand the integration, so nothing is read
 * or parsed twice. With it, the command runs the checks (before or beside Astro) and releases the
 * syntax trees; the integration runs no check of its own.
 */
export interface PreparedSite {
	loaded: LoadedConfig;
	tree: GuidebookTree;
	/** The diagram service of a build whose diagrams are drawn while Astro runs, shared with its checks; the command closes it. */
	diagrams?: DiagramService;
	/** The alert rules the config names (`prepare-site.ts`). */
	alerts: AlertSet;
	/** Where the command ran: findings name files from here. */
	cwd: string;
	/** What Waymark's environment variables ask for, read by the command that started the build. */
	environment: WaymarkEnvironment;
	/** Told what the build is doing (the command's watchdog). */
	progress?: Progress;
	/** Where Astro's own log goes (the command's streams); the process's without it. */
	output?: LogSink;
	/** The site plan (`site-plan.ts`). */
	plan: SitePlan;
	/** Reads the tree again as it was read (dev, after a save: the site's index, pages that pull in a changed file). */
	reloadTree: () => Promise<GuidebookTree>;
	/** A plain `astro build`: the integration runs the checks when Astro builds (`prepareProject`); a Waymark command runs its own. */
	checkOnBuild?: boolean;
	/** Told the pathnames of the pages Astro wrote, what the route said of each page of the tree and how many pages it rendered (not copied from the last build), once the build is done. */
	onPagesBuilt?: (pathnames: string[], facts: PageFacts[], rendered: number) => void;
	/** Told the output's HTML files as read once every one was in place (`built-pages.ts`), so the build's record need not read them again. */
	onBuiltPages?: (pages: BuiltPages) => void;
	/** The site was published without a search index (`searchIndexOrNone`): nothing of this build may be reused as it is. */
	onSearchOff?: () => void;
	/** Told, in one line, of a part of the last build that failed its check and is made again (a page body, a part of the search index). */
	note?: (line: string) => void;
}
