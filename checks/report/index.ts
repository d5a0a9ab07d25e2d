import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { pretty } from './pretty.ts';
import type { Reporter } from './reporter.ts';
import { sarif } from './sarif.ts';

import type { ReporterName } from './names.ts';

export type { ReporterName };

/** Every `--format`, one file each (`names.ts` lists them for the command line, which loads none). */
export const reporters = { pretty, json, junit, sarif, github, markdown } satisfies Record<
	ReporterName,
	Reporter
>;
