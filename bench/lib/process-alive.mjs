/** Whether process `pid` is running (a lock's holder, say): signal 0 checks without sending. */
export function isAlive(/** @type {number} */ pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
