import { getRequestEvent } from '$app/server';
import { isWriteConflict } from '../db/errors.ts';
import { domainError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';

/** The same public code as the domain error: the pages translate it as error_changed_meanwhile. */
const CHANGED_MEANWHILE = domainError('changed_meanwhile');

/**
 * The database's code when `error` is a write that lost to a concurrent request (isWriteConflict:
 * a unique violation, a deadlock or serialization failure, SQLite busy), on the error itself or
 * on an error it wraps (`cause`); undefined for anything else.
 */
export function writeConflictCode(error: unknown): string | undefined {
	let current = error;
	for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
		if (isWriteConflict(current)) return String((current as { code: unknown }).code);
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * What a request answers when its write lost to a concurrent one, wherever it was thrown (a load,
 * an action, an endpoint): 409 changed_meanwhile, as a stale form is answered. Nothing of its
 * transaction was stored. Undefined for any other error.
 */
export function writeConflictAnswer(error: unknown): { status: number; message: string; code: string } | undefined {
	const code = writeConflictCode(error);
	return code === undefined ? undefined : { status: CHANGED_MEANWHILE.status, message: CHANGED_MEANWHILE.publicCode, code };
}

let log: Logger | undefined;

/** The server's logger for write conflicts, set once at start (hooks.server.ts); unit tests run without it. */
export function logWriteConflictsTo(logger: Logger): void {
	log = logger;
}

/**
 * One warn line per write conflict: the request, its route and the database's code only, never
 * the statement's parameters or anything the client sent. `event` is the current request's unless
 * given; without one (a call outside a request), the line has neither request nor route.
 */
export function logWriteConflict(code: string, event?: { locals: { requestId?: string }; route: { id: string | null } }): void {
	if (!log) return;
	const where = event ?? currentRequest();
	log.warn(
		{ event: 'http.write_conflict', requestId: where?.locals.requestId, route: where?.route.id, code },
		'write lost to a concurrent request'
	);
}

function currentRequest() {
	try {
		return getRequestEvent();
	} catch {
		return undefined; // logging never changes the answer
	}
}
