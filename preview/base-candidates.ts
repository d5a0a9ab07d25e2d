/** Refs tried, in order, when no `--base` is given (`defaultBase`). */
export const defaultBaseCandidates = ['origin/main', 'main', 'origin/master', 'master'];
