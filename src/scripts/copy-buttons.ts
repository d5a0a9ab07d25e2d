/**
 * Copy buttons on code blocks. The copied text is the `<code>` element's text content: the block
 * exactly as written, every line and backslash kept.
 */
export function setUpCopyButtons(): void {
	document.addEventListener('click', (event) => void copyFrom(event));
}

async function copyFrom(event: MouseEvent): Promise<void> {
	const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.copy-button');
	const code = button?.parentElement?.querySelector('pre code') ?? button?.parentElement?.querySelector('pre');
	if (!button || !code) return;
	const text = (code.textContent ?? '').replace(/\n$/, '');
	try {
		await navigator.clipboard.writeText(text);
		flash(button, 'Copied');
	} catch {
		flash(button, 'Press Ctrl+C');
		selectContents(code);
	}
}

function flash(button: HTMLButtonElement, text: string): void {
	button.textContent = text;
	button.dataset['state'] = 'done';
	setTimeout(() => {
		button.textContent = 'Copy';
		delete button.dataset['state'];
	}, 1500);
}

function selectContents(node: Node): void {
	const range = document.createRange();
	range.selectNodeContents(node);
	const selection = getSelection();
	selection?.removeAllRanges();
	selection?.addRange(range);
}
