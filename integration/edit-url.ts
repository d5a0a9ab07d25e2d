/**
 * The forge's edit link for a page: `{path}` in the pattern becomes the page's path, each segment
 * percent-encoded. GitHub: `https://github.com/ORG/REPO/edit/main/guidebooks/{path}`; Gitea:
 * `https://gitea.example.com/ORG/REPO/_edit/main/guidebooks/{path}`.
 */
export function editUrlFor(pattern: string | null, path: string): string | undefined {
	if (!pattern) return undefined;
	return pattern.replaceAll('{path}', path.split('/').map(encodeURIComponent).join('/'));
}
