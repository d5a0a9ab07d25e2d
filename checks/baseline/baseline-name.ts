/** The baseline's name, beside the config file (or in the folder a run without one starts in). */
export const baselineName = 'waymark.baseline.json';
