/**
 * Runs inline in `<head>` before the first paint, so a dark-theme reader never sees a light flash.
 * Kept as a string: it must not wait for the module bundle.
 */
export const themeInitScript = `(()=>{let t;try{t=localStorage.getItem('waymark-theme')}catch{}document.documentElement.dataset.theme=t||(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')})()`;
