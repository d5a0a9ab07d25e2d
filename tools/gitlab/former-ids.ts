/**
 * GitLab before 17.0 merged repeated hyphens (`## Restore + verify` → `restore-verify`); 17.0 and
 * later keep them, like GitHub (`restore--verify`, gitlab-org/gitlab#440733). The old id of a
 * heading whose current id is `slug`, or `undefined` when both agree.
 */
export function legacyGitlabAnchor(slug: string): string | undefined {
	const legacy = slug.replace(/-{2,}/g, '-');
	return legacy === slug ? undefined : legacy;
}
