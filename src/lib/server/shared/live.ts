import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { domainError } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * Live updates for conversations: "something changed, fetch again". The payload is ids, a type
 * and the conversation's version only — never ratings, names or notes — so nothing personal
 * travels through PostgreSQL's NOTIFY or reaches a device that merely keeps a stream open.
 * One instance (SQLite): fan-out in process. Several instances (PostgreSQL): pg_notify on
 * publish and one LISTEN connection per instance. See docs/decisions/004-live-updates.md.
 */
export interface ConversationEvent {
	conversationId: string;
	organisationId: string;
	/** What happened, e.g. 'phase.changed', 'party.submitted', 'party.claimed'; 'resync' after a lost connection. */
	type: string;
	version: number;
}

export type ConversationListener = (event: ConversationEvent) => void;

export const LIVE_CHANNEL = 'tweespraak_live';

interface LiveHub {
	publish(event: ConversationEvent): Promise<void>;
	/** Resolves once events for this conversation will arrive. */
	subscribe(conversationId: string, listener: ConversationListener): Promise<() => void>;
	close(): Promise<void>;
}

const hubs = new WeakMap<AppContext, LiveHub>();

/** Tells every device following this conversation, on every instance. Call it after the change is committed. */
export async function publishConversationEvent(ctx: AppContext, event: ConversationEvent): Promise<void> {
	await getHub(ctx).publish(pickEventFields(event));
}

/**
 * After a change is committed: every device following the conversation fetches again. A failed
 * announcement must not undo or fail the committed change (devices resync on their next fetch),
 * so it is logged, not thrown. Generic, so a caller may pass a whole conversation record, or one
 * built in place with more fields than these three.
 */
export async function announce<Conversation extends { id: string; organisationId: string; version: number }>(
	ctx: AppContext,
	conversation: Conversation,
	type: string
): Promise<void> {
	try {
		await publishConversationEvent(ctx, {
			conversationId: conversation.id,
			organisationId: conversation.organisationId,
			type,
			version: conversation.version
		});
	} catch (error) {
		ctx.logger.warn({ event: 'live.publish_failed', err: { message: String(error) } }, 'live update not published');
	}
}

/**
 * For a change a page shows that does not take the conversation's lock otherwise (a name claimed or
 * freed, a preparation shared or taken back): raises the conversation's version in the change's own
 * transaction, and returns the new one for `announce` after the commit. Call it first in the
 * transaction: it takes the conversation's row as every change of a conversation does first, so
 * two changes always lock in the same order. Committed together, no change a page shows is ever
 * stored without a new version, and one rule catches up a page whose stream opened late: the stream
 * compares the version the page shows with the current one (decision 004).
 */
export async function raiseVersion(trx: Kysely<Database>, conversation: { id: string; organisationId: string }): Promise<number> {
	const raised = await trx
		.updateTable('conversations')
		.set((eb) => ({ version: eb('version', '+', 1) }))
		.where('organisationId', '=', conversation.organisationId)
		.where('id', '=', conversation.id)
		.returning('version')
		.executeTakeFirst();
	if (!raised) throw domainError('not_found');
	return Number(raised.version);
}

/** Follows one conversation; the returned function stops following. */
export function subscribeToConversation(ctx: AppContext, conversationId: string, listener: ConversationListener): Promise<() => void> {
	return getHub(ctx).subscribe(conversationId, listener);
}

function getHub(ctx: AppContext): LiveHub {
	let hub = hubs.get(ctx);
	if (!hub) {
		const created = ctx.database.pool ? createPostgresHub(ctx, ctx.database.pool) : createInProcessHub(ctx.logger);
		hubs.set(ctx, created);
		ctx.onClose(() => created.close());
		hub = created;
	}
	return hub;
}

/** Only the four known fields, whatever a caller passed: a stray rating must not leak. */
export function pickEventFields(event: ConversationEvent): ConversationEvent {
	return { conversationId: event.conversationId, organisationId: event.organisationId, type: event.type, version: event.version };
}

export function parseEventPayload(payload: string | undefined): ConversationEvent | undefined {
	try {
		const value = JSON.parse(payload ?? '') as Partial<ConversationEvent>;
		const { conversationId, organisationId, type, version } = value;
		if (typeof conversationId !== 'string' || typeof organisationId !== 'string') return undefined;
		if (typeof type !== 'string' || typeof version !== 'number') return undefined;
		return { conversationId, organisationId, type, version };
	} catch {
		return undefined;
	}
}

/** Listeners of this instance, per conversation. */
class LocalListeners {
	readonly #byConversation = new Map<string, Set<ConversationListener>>();
	readonly #logger: Logger;
	constructor(logger: Logger) {
		this.#logger = logger;
	}

	add(conversationId: string, listener: ConversationListener): () => void {
		const set = this.#byConversation.get(conversationId) ?? new Set();
		set.add(listener);
		this.#byConversation.set(conversationId, set);
		return () => {
			set.delete(listener);
			if (set.size === 0 && this.#byConversation.get(conversationId) === set) this.#byConversation.delete(conversationId);
		};
	}

	emit(event: ConversationEvent): void {
		for (const listener of this.#byConversation.get(event.conversationId) ?? []) {
			try {
				listener(event);
			} catch (error) {
				this.#logger.warn({ event: 'live.listener_failed', err: { message: String(error) } }, 'live listener failed');
			}
		}
	}

	/** After a lost connection events may have been missed: every follower fetches again. */
	emitResync(): void {
		for (const conversationId of this.#byConversation.keys()) {
			this.emit({ conversationId, organisationId: '', type: 'resync', version: 0 });
		}
	}

	get size(): number {
		return this.#byConversation.size;
	}
}

function createInProcessHub(logger: Logger): LiveHub {
	const listeners = new LocalListeners(logger);
	return {
		async publish(event) {
			// Asynchronously, like a notification from PostgreSQL: the publisher never runs listeners itself.
			queueMicrotask(() => listeners.emit(event));
		},
		async subscribe(conversationId, listener) {
			return listeners.add(conversationId, listener);
		},
		async close() {}
	};
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

/** Notifications one statement sends at most (two bound values each). */
export const NOTIFY_PER_STATEMENT = 100;

/**
 * Sends live notifications on PostgreSQL, those published in the same turn of the event loop in
 * one statement (`select pg_notify(…), pg_notify(…)`): a batch of the group commit resolves its
 * members together, and each announces its change, so one round trip and one commit of the notify
 * queue serve them all instead of one each (decision 022). Each publish resolves, or rejects, with
 * its statement; the order within it is the order they were published, as PostgreSQL delivers them.
 */
function coalescedNotify(db: Kysely<Database>): (payload: string) => Promise<void> {
	let waiting: { payload: string; resolve(): void; reject(error: unknown): void }[] = [];
	const send = () => {
		const taken = waiting;
		waiting = [];
		for (let start = 0; start < taken.length; start += NOTIFY_PER_STATEMENT) {
			const part = taken.slice(start, start + NOTIFY_PER_STATEMENT);
			const calls = sql.join(part.map(({ payload }) => sql`pg_notify(${LIVE_CHANNEL}, ${payload})`));
			sql`select ${calls}`.execute(db).then(
				() => part.forEach((one) => one.resolve()),
				(error: unknown) => part.forEach((one) => one.reject(error))
			);
		}
	};
	return (payload) =>
		new Promise<void>((resolve, reject) => {
			if (waiting.push({ payload, resolve, reject }) === 1) setImmediate(send);
		});
}

function createPostgresHub(ctx: AppContext, pool: pg.Pool): LiveHub {
	const { logger } = ctx;
	const listeners = new LocalListeners(logger);
	let client: pg.PoolClient | undefined;
	let connecting: Promise<void> | undefined;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let failures = 0;
	let closed = false;

	const onNotification = (message: pg.Notification) => {
		if (message.channel !== LIVE_CHANNEL) return;
		const event = parseEventPayload(message.payload);
		if (event) listeners.emit(event);
	};

	const onError = (error: Error) => {
		logger.warn({ event: 'live.listen_lost', err: { name: error.name, message: error.message } }, 'live updates connection lost');
		const lost = client;
		client = undefined;
		lost?.release(error);
		scheduleReconnect();
	};

	function scheduleReconnect(): void {
		if (closed || retryTimer) return;
		const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
		failures += 1;
		retryTimer = setTimeout(() => {
			retryTimer = undefined;
			ensureListening().then(
				() => listeners.emitResync(),
				() => scheduleReconnect()
			);
		}, delay);
		retryTimer.unref?.();
	}

	async function connect(): Promise<void> {
		const next = await pool.connect();
		next.on('notification', onNotification);
		next.on('error', onError);
		try {
			await next.query(`LISTEN ${LIVE_CHANNEL}`);
		} catch (error) {
			next.release(error as Error);
			throw error;
		}
		if (closed) {
			next.release();
			return;
		}
		client = next;
		failures = 0;
	}

	function ensureListening(): Promise<void> {
		if (client || closed) return Promise.resolve();
		connecting ??= connect().finally(() => {
			connecting = undefined;
		});
		return connecting;
	}

	const notify = coalescedNotify(ctx.db);
	return {
		publish: (event) => notify(JSON.stringify(event)),
		async subscribe(conversationId, listener) {
			const remove = listeners.add(conversationId, listener);
			try {
				await ensureListening();
			} catch (error) {
				remove();
				scheduleReconnect();
				throw error;
			}
			return remove;
		},
		async close() {
			closed = true;
			clearTimeout(retryTimer);
			await connecting?.catch(() => undefined);
			const last = client;
			client = undefined;
			if (!last) return;
			last.off('error', onError);
			await last.query(`UNLISTEN ${LIVE_CHANNEL}`).catch(() => undefined);
			last.release();
		}
	};
}
