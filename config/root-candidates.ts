/** Folders looked at, in order, when neither `--root` nor a config file names the tree (`findTreeRoot`). */
export const rootCandidates = [
	'guidebooks',
	'runbooks',
	'docs',
	'doc',
	'documentation',
	'content',
	'website/docs',
];
