import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { createRequire } from 'node:module';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { buildConnector, Dispatcher } from 'undici';

type Undici = typeof import('undici');
let undici: Undici | undefined;

/**
 * undici, loaded when the server first fetches something. With its HTTP parser (WebAssembly,
 * compiled when loaded) it made a started server about 6 MB larger, and most installations fetch
 * only when an admin sets up sign-in through their organisation's provider (decision 025).
 */
function loadUndici(): Undici {
	return (undici ??= createRequire(import.meta.url)('undici') as Undici);
}

/**
 * What the server may reach when it fetches on an organisation's behalf (its identity provider's
 * discovery document, token endpoint and keys; decision 018). An admin types the provider's
 * address, so without a guard an admin of one organisation could make the server knock on this
 * machine or the network it runs in (a service on 127.0.0.1, a cloud's metadata address) and read
 * from the answer whether something is there. By default only public unicast addresses are
 * reached; `ALLOW_PRIVATE_PROVIDERS=true` lets the operator of an installation with its own
 * provider on the internal network turn this off.
 *
 * The check sits where a connection is made (the name is resolved and checked in one step, and an
 * address literal is checked before connecting), so a redirect, a second lookup or a name that
 * changes its address between a check and the fetch gets no further.
 */

/** Refused: the address is not a public one. */
export class PrivateAddressError extends Error {
	readonly code = 'ENOTPUBLIC';
	constructor(host: string) {
		super(`${host} is not a public address`);
		this.name = 'PrivateAddressError';
	}
}

/** A public unicast address: not this machine, a private or shared network, link-local, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
	const bare = address.replace(/^\[|\]$/g, '');
	if (!ipaddr.isValid(bare)) return false;
	let parsed = ipaddr.parse(bare);
	if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
	return parsed.range() === 'unicast';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that answers only when every address the name has is public. */
function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
	dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
		if (error) return callback(error, []);
		if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) {
			return callback(new PrivateAddressError(hostname), []);
		}
		if (options.all) return callback(null, addresses);
		callback(null, addresses[0]!.address, addresses[0]!.family);
	});
}

/** Resolves a host (a name or an address literal) and refuses it unless every address is public. */
export async function assertPublicHost(host: string): Promise<void> {
	const bare = host.replace(/^\[|\]$/g, '');
	if (net.isIP(bare)) {
		if (!isPublicAddress(bare)) throw new PrivateAddressError(host);
		return;
	}
	await new Promise<void>((resolve, reject) =>
		publicLookup(bare, { all: true }, (error) =>
			error ? reject(error instanceof PrivateAddressError ? error : new PrivateAddressError(host)) : resolve()
		)
	);
}

/** An undici dispatcher that connects to public addresses only. */
export function publicOnlyDispatcher(): Dispatcher {
	const { Agent, buildConnector } = loadUndici();
	const connect = buildConnector({ lookup: publicLookup } as buildConnector.BuildOptions);
	return new Agent({
		connect(options, callback) {
			// net.connect skips the lookup for an address literal: checked here instead.
			const host = options.hostname.replace(/^\[|\]$/g, '');
			if (net.isIP(host) && !isPublicAddress(host)) {
				callback(new PrivateAddressError(options.hostname), null);
				return;
			}
			connect(options, callback);
		}
	});
}

/**
 * Where fetch (Node's own and undici's) finds the dispatcher every request goes through; undici's
 * setGlobalDispatcher writes both, and so does this.
 */
const GLOBAL_DISPATCHER = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')] as const;

/**
 * The public-only dispatcher, made on the first request that goes through it, so that a server
 * that never fetches never loads undici. fetch only calls `dispatch` (and reads `isMockActive`).
 */
class PublicOnlyOnFirstUse {
	#dispatcher: Dispatcher | undefined;
	#get(): Dispatcher {
		return (this.#dispatcher ??= publicOnlyDispatcher());
	}
	dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
		return this.#get().dispatch(options, handler);
	}
	async close(): Promise<void> {
		await this.#dispatcher?.close();
	}
	async destroy(): Promise<void> {
		await this.#dispatcher?.destroy();
	}
}

function setGlobalDispatcher(dispatcher: unknown): void {
	for (const key of GLOBAL_DISPATCHER) {
		// undici defines these writable but not configurable; define them the same way when absent.
		if (Object.getOwnPropertyDescriptor(globalThis, key)) Reflect.set(globalThis, key, dispatcher);
		else Object.defineProperty(globalThis, key, { value: dispatcher, writable: true, enumerable: false, configurable: false });
	}
}

/**
 * Makes every fetch of this process (ours and better-auth's) go through publicOnlyDispatcher,
 * unless private addresses are allowed. Returns how to put the previous dispatcher back (tests).
 */
export function guardOutboundRequests({ allowPrivate }: { allowPrivate: boolean }): () => void {
	if (allowPrivate) return () => {};
	const previous = Reflect.get(globalThis, GLOBAL_DISPATCHER[0]);
	setGlobalDispatcher(new PublicOnlyOnFirstUse());
	// None before (fetch not used yet): an ordinary agent, as fetch would have made for itself.
	return () => setGlobalDispatcher(previous ?? new (loadUndici().Agent)());
}
