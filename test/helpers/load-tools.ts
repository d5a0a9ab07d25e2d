// The unit tests hand pages and trees of every tool to the parse and the checks without reading a
// tree (`testReading`, `parsePage(…, { dialect })`): every tool's reader is loaded before them, as
// reading a tree loads its tool's (`tools/index.ts`).
import { loadAllTools } from '../../tools/index.ts';

await loadAllTools();
