// For a test file that hands pages and trees of a tool to the parse and the checks without reading
// a tree (`testReading`, `parsePage(…, { dialect })`): its first import, so every tool's reader is
// loaded before its tests, as reading a tree loads its tool's (`tools/index.ts`). Only those files
// import it (31 of 322 unit files): loading every tool cost each of the others about 0.17 s of CPU,
// and a file that asks for a tool it did not load fails loudly (`loadTool` first).
import { loadAllTools } from '../../tools/index.ts';

await loadAllTools();
