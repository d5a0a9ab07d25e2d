// Loaded into `waymark serve` with `node --import` by the process-guard test: on SIGUSR2 it leaves
// a rejection nobody handles and an exception nobody catches, as a bug anywhere in serve would.
process.on('SIGUSR2', () => {
	void Promise.reject(new TypeError('url.startsWith is not a function'));
	setTimeout(() => {
		throw new RangeError('Maximum call stack size exceeded');
	});
});
