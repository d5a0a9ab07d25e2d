/**
 * Copy buttons on code blocks. The copied text is the `<code>` element's text content: the block
 * exactly as written, every line and backslash kept. The outcome is also said in a polite status
 * region, because a button's changed text is not announced while its label stays "Copy code".
 */
export function setUpCopyButtons(): void {
	if (!document.querySelector('.copy-button')) return;
	// The region exists before anything is written to it, or screen readers miss the first message.
	const status = document.createElement('p');
	status.className = 'visually-hidden';
	status.setAttribute('role', 'status');
	status.dataset['copyStatus'] = '';
	document.body.append(status);
	document.addEventListener('click', (event) => void copyFrom(event, status));
}

async function copyFrom(event: MouseEvent, status: HTMLElement): Promise<void> {
	const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.copy-button');
	const code =
		button?.parentElement?.querySelector('pre code') ?? button?.parentElement?.querySelector('pre');
	if (!button || !code) return;
	const text = (code.textContent ?? '').replace(/\n$/, '');
	try {
		await navigator.clipboard.writeText(text);
		flash(button, status, 'Copied', 'Copied to the clipboard');
	} catch {
		flash(button, status, 'Press Ctrl+C', 'Could not copy: the code is selected, press Ctrl+C');
		selectContents(code);
	}
}

function flash(button: HTMLButtonElement, status: HTMLElement, text: string, said: string): void {
	button.textContent = text;
	button.dataset['state'] = 'done';
	status.textContent = said;
	setTimeout(() => {
		button.textContent = 'Copy';
		delete button.dataset['state'];
		status.textContent = '';
	}, 1500);
}

function selectContents(node: Node): void {
	const range = document.createRange();
	range.selectNodeContents(node);
	const selection = getSelection();
	selection?.removeAllRanges();
	selection?.addRange(range);
}
