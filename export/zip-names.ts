/**
 * Why `path` (a file of the built site, `/`-separated from its top) cannot be a zip entry that
 * unpacks to the same place everywhere, or `undefined` when it can. Zip tools on Windows read `\`
 * as a separator and `C:` as a drive, so `a\..\..\escaped.txt` lands outside the folder the reader
 * unpacks into; a `..` or `.` segment, a leading `/`, a control character and `:` (a drive, or an
 * NTFS stream) are no more portable. Such a file is left out of the copy, and the export says so.
 */
export function unportableEntryName(path: string): string | undefined {
	if (path.includes('\\')) return 'backslash (zip tools on Windows read it as a folder separator)';
	if (path.startsWith('/')) return 'absolute path';
	if (path.includes(':')) return 'colon (Windows reads it as a drive or a stream)';
	// eslint-disable-next-line no-control-regex -- matching them is the point
	if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character';
	const segments = path.split('/');
	if (segments.some((segment) => segment === '..' || segment === '.'))
		return '`.` or `..` segment (it unpacks outside its folder)';
	if (segments.some((segment) => segment === '')) return 'empty segment';
	return undefined;
}
