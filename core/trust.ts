/**
 * Whose tree a run works on; `cli/` decides, and the value travels down through options (never
 * the environment). `trusted`: your own branch; `.mdx` pages run as code, the config may name
 * programs and paths anywhere, probes run and `${env:NAME}` expands. `untrusted`: a branch under
 * review; nothing from the tree runs, reads or writes outside it (guidebooks/writing-guidebooks.md,
 * "Trusted and untrusted trees").
 */
export type Trust = 'trusted' | 'untrusted';
