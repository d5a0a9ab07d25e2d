// A child process for the process-guard test: a server that answers `/` and, on `/reject` and
// `/throw`, leaves a rejection nobody handles and an exception nobody catches. With `guarded` as
// its argument it installs serve's process guard first. It ends itself when its parent disconnects.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installProcessGuard } from '../../server/process-guard.ts';

if (process.argv[2] === 'guarded') installProcessGuard((line) => process.stderr.write(`${line}\n`));
const server = createServer((req, res) => {
	if (req.url === '/reject') void Promise.reject(new TypeError('url.startsWith is not a function'));
	if (req.url === '/throw')
		setTimeout(() => {
			throw new RangeError('Maximum call stack size exceeded');
		});
	res.writeHead(200, { 'content-type': 'text/plain' }).end('still here\n');
});
server.listen(0, '127.0.0.1', () =>
	process.send!({ port: (server.address() as AddressInfo).port }),
);
process.on('disconnect', () => {
	server.closeAllConnections();
	server.close();
});
