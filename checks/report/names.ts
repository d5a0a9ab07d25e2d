/** Every `--format` by name, for `--help` and option parsing: `index.ts` has a reporter for each and no other. */
export const reporterNames = ['pretty', 'json', 'junit', 'sarif', 'github', 'markdown'] as const;

export type ReporterName = (typeof reporterNames)[number];
