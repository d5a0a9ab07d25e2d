import type { ProbeResult } from '../types.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { pretty } from './pretty.ts';

/** Every `waymark probe --format`, one file each. */
export const probeReporters = { pretty, json, junit, github, markdown } satisfies Record<string, (results: ProbeResult[], root?: string) => string>;
export type ProbeReporterName = keyof typeof probeReporters;
