import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { freePort, startInstance, waitUntilHealthy, type Instance } from '../testing/instances.ts';

/** Node closes an idle kept-alive connection after 5 s unless told otherwise. */
const NODE_DEFAULT_IDLE_MS = 5000;

let instance: Instance | undefined;
let port = 0;
let dataDir = '';

beforeAll(async () => {
	await buildIfStale();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-keep-alive-'));
	port = await freePort();
	instance = startInstance({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' });
	await waitUntilHealthy(instance, `http://127.0.0.1:${port}`);
}, 240_000);

afterAll(async () => {
	if (instance && instance.child.exitCode === null) instance.child.kill('SIGTERM');
	await instance?.exited;
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends one request on the socket and resolves with the status line of its answer. */
function ask(socket: net.Socket): Promise<string> {
	return new Promise((resolve, reject) => {
		let received = '';
		const onData = (chunk: Buffer) => {
			received += chunk.toString('latin1');
			const headEnd = received.indexOf('\r\n\r\n');
			const length = Number(/content-length: (\d+)/i.exec(received)?.[1] ?? NaN);
			if (headEnd >= 0 && received.length >= headEnd + 4 + length) {
				socket.off('data', onData);
				resolve(received.split('\r\n')[0]!);
			}
		};
		socket.on('data', onData);
		socket.once('error', reject);
		socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
	});
}

// Behind a proxy that keeps idle connections to the app for up to 60 s (nginx, cloud load
// balancers), a server that closes them sooner races the proxy's next request: a reset, a 502.
it('keeps an idle connection open longer than Node’s 5 s, so a proxy reusing it gets its answer', { timeout: 30_000 }, async () => {
	const socket = net.connect(port, '127.0.0.1');
	let closedAfterMs: number | null = null;
	const opened = Date.now();
	socket.once('close', () => (closedAfterMs = Date.now() - opened));
	await new Promise((resolve) => socket.once('connect', resolve));
	expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
	await new Promise((resolve) => setTimeout(resolve, NODE_DEFAULT_IDLE_MS + 1500));
	expect(closedAfterMs).toBeNull();
	expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
	socket.destroy();
});
