// Real Tweespraak servers (scripts/server.mjs on the production build) as child processes, for the
// integration tests that kill one with SIGKILL: the reminder job taken over by another instance,
// and group commit losing no acknowledged write.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../../../../e2e/support/server.ts';

export interface Instance {
	child: ChildProcess;
	/** The JSON log lines the instance wrote so far. */
	logs: Record<string, unknown>[];
	/** What the instance wrote on standard error so far (a failed start's one line). */
	stderr: () => string;
	/** Resolves with the exit code: null when killed by a signal. */
	exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export async function waitFor<T>(find: () => Promise<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		const found = await find();
		if (found !== undefined && found !== false) return found;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** Starts scripts/server.mjs with these environment variables on top of the test's own. */
export function startInstance(env: Record<string, string>): Instance {
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'server.mjs')], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: Record<string, unknown>[] = [];
	let buffered = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		buffered += chunk.toString('utf8');
		const lines = buffered.split('\n');
		buffered = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.startsWith('{')) continue;
			try {
				logs.push(JSON.parse(line) as Record<string, unknown>);
			} catch {
				// not a log line
			}
		}
	});
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, logs, stderr: () => errors, exited };
}

/** Resolves once the instance answers /healthz; fails when it exits first. */
export async function waitUntilHealthy(instance: Instance, base: string): Promise<void> {
	await waitForHealthz(base, () => {
		if (instance.child.exitCode !== null) throw new Error(`the instance exited (${instance.child.exitCode}) before it was healthy`);
	});
}

/** Until the server at `base` answers /healthz; `check` runs before each try (it throws to give up). */
export async function waitForHealthz(base: string, check: () => void = () => {}): Promise<void> {
	await waitFor(async () => {
		check();
		return fetch(new URL('/healthz', base)).then(
			(response) => response.ok || undefined,
			() => undefined
		);
	}, `${base} to answer /healthz`);
}
