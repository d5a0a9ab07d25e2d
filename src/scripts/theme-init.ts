/**
 * Runs inline in `<head>` before the first paint, so a dark-theme reader never sees a light flash:
 * sets `data-theme` (what is shown) and `data-theme-choice` (`light`, `dark` or `system`, what the
 * reader picked). Kept as a string: it must not wait for the module bundle.
 */
export const themeInitScript = `(()=>{let t;try{t=localStorage.getItem('waymark-theme')}catch{}if(t!=='light'&&t!=='dark')t=null;const r=document.documentElement;r.dataset.themeChoice=t||'system';r.dataset.theme=t||(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')})()`;
