// Draws `<pre class="mermaid">` blocks in the reader's browser. Only pages whose diagrams could
// not be drawn at build time load this, and mermaid with it.
import zenuml from '@mermaid-js/mermaid-zenuml';
import mermaid from 'mermaid';

const dark = document.documentElement.dataset['theme'] === 'dark' || (!document.documentElement.dataset['theme'] && matchMedia('(prefers-color-scheme: dark)').matches);
mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'default', securityLevel: 'strict', fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif' });
// The ZenUML plugin loads its renderer only when a page has a ZenUML diagram.
void mermaid.registerExternalDiagrams([zenuml]).then(() => mermaid.run({ querySelector: 'pre.mermaid' }));
