// Draws `<pre class="mermaid">` blocks in the reader's browser. Only pages whose diagrams could
// not be drawn at build time load this, and mermaid with it.
import mermaid from 'mermaid';

const dark = document.documentElement.dataset['theme'] === 'dark' || (!document.documentElement.dataset['theme'] && matchMedia('(prefers-color-scheme: dark)').matches);
mermaid.initialize({ startOnLoad: false, theme: dark ? 'dark' : 'default', securityLevel: 'strict', fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif' });
void mermaid.run({ querySelector: 'pre.mermaid' });
