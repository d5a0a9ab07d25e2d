import type { Command } from 'commander';
import { registerBuild } from './build.ts';
import { registerCheck } from './check.ts';
import { registerDev } from './dev.ts';
import { registerExport } from './export.ts';
import { registerPreview } from './preview.ts';
import { registerProbe } from './probe.ts';
import { registerServe } from './serve.ts';

/** Every `waymark` verb; each file registers one on the program. */
export const commands: Array<(program: Command) => void> = [registerBuild, registerCheck, registerDev, registerExport, registerPreview, registerProbe, registerServe];
