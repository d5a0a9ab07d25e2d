/**
 * A file a page pulls in (an MkDocs snippet or template, a file an mdBook link includes): its text
 * and where it was read, or why it cannot be shown; and `tried`, the other places looked in first
 * (or all of them, when none held it). Paths are from the root: a change to any of them may change
 * the page.
 */
export type PulledFile = ({ text: string; file?: string } | { problem: string }) & { tried?: string[] };
