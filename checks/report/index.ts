import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { pretty } from './pretty.ts';
import type { Reporter } from './reporter.ts';
import { sarif } from './sarif.ts';

/** Every `--format`, one file each. */
export const reporters = { pretty, json, junit, sarif, github, markdown } satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;
