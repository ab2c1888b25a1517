import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOutboundRequests } from './outbound-guard.ts';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
	server = createServer((_req, res) => {
		hits++;
		res.end('here');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('every fetch of the server process reaches public addresses only (decision 018)', () => {
	it('a service on this machine is not reached, by address or by name, and receives nothing', async () => {
		const restore = guardOutboundRequests({ allowPrivate: false });
		try {
			const before = hits;
			for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
				await expect(fetch(url)).rejects.toThrow();
			}
			expect(hits).toBe(before);
		} finally {
			restore();
		}
	});

	it('with ALLOW_PRIVATE_PROVIDERS the same service is reached, and once the guard is lifted fetch works as before', async () => {
		const restore = guardOutboundRequests({ allowPrivate: true });
		try {
			expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('here');
		} finally {
			restore();
		}
		const guarded = guardOutboundRequests({ allowPrivate: false });
		guarded();
		expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('here');
	});
});

describe('the guard costs a server that never fetches nothing (decision 025)', () => {
	it('undici is loaded only at the first fetch, and that fetch is still guarded', () => {
		// A process of its own: this test process has loaded undici long ago.
		const script = `
			const { createRequire } = await import('node:module');
			const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/undici/'));
			const { guardOutboundRequests } = await import(${JSON.stringify(new URL('./outbound-guard.ts', import.meta.url).href)});
			guardOutboundRequests({ allowPrivate: false });
			const afterGuard = loaded();
			let refused = false;
			try { await fetch('http://127.0.0.1:${port}/'); } catch { refused = true; }
			console.log(JSON.stringify({ afterGuard, afterFetch: loaded(), refused }));
		`;
		const before = hits;
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
		expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({ afterGuard: false, afterFetch: true, refused: true });
		expect(hits).toBe(before);
	});
});
