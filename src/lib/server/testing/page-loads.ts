import { isRedirect } from '@sveltejs/kit';
import type { Actor, ParticipantActor } from '../access/actor.ts';
import { setAppContext, type AppContext } from '../context.ts';
import { TEST_ORIGIN } from './test-context.ts';

/**
 * Runs a page's server load as a request of `actor` to `path` would, on `ctx` (which becomes the
 * application's context, as hooks.server.ts makes it): what it returns, or where it redirects to.
 * An error page (error(404, …)) is thrown as the load throws it.
 */
export async function loadAs(
	ctx: AppContext,
	load: (event: never) => unknown,
	input: { actor: Actor; path: string }
): Promise<{ data: unknown } | { redirect: string }> {
	setAppContext(ctx);
	try {
		return { data: await load({ locals: { actor: input.actor }, url: new URL(input.path, TEST_ORIGIN) } as never) };
	} catch (caught) {
		if (isRedirect(caught)) return { redirect: caught.location };
		throw caught;
	}
}

const noCookies = { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' };

/**
 * Runs a page's form action as a browser's post of `fields` to `path` by `actor` would reach it,
 * on `ctx`: what it returns (a validation failure, `fail(400, …)`), or where it redirects to.
 * Anything else it throws is thrown. The fields go in the order given, as a form sends them; as
 * pairs, a name may come more than once (checkboxes of one name).
 */
export async function postAs(
	ctx: AppContext,
	action: (event: never) => unknown,
	input: {
		actor: Actor;
		path: string;
		fields: Record<string, string> | readonly (readonly [string, string])[];
		params?: Record<string, string>;
		/** The request's headers (its session cookie, for an action that reads the session itself). */
		headers?: Headers;
	}
): Promise<unknown> {
	setAppContext(ctx);
	const body = new FormData();
	for (const [name, value] of Array.isArray(input.fields) ? input.fields : Object.entries(input.fields)) body.append(name, value);
	const request = new Request(new URL(input.path, TEST_ORIGIN), { method: 'POST', body, headers: input.headers });
	try {
		return await action({
			request,
			locals: { actor: input.actor },
			params: input.params ?? {},
			url: new URL(request.url),
			cookies: noCookies
		} as never);
	} catch (caught) {
		if (isRedirect(caught)) return { redirect: caught.location };
		throw caught;
	}
}

/** The audit events (access log included) one request wrote, without their ids, times and request id, in a stable order. */
export async function auditEventsOfRequest(ctx: AppContext, requestId: string) {
	const events = await ctx.db
		.selectFrom('auditEvents')
		.select([
			'organisationId',
			'actorType',
			'actorId',
			'sessionId',
			'action',
			'targetType',
			'targetId',
			'details',
			'collaborationId',
			'actorRole'
		])
		.where('requestId', '=', requestId)
		.execute();
	return events.toSorted((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
}

/**
 * The access-log entry, as auditEventsOfRequest gives it, that a participant's device leaves when
 * it views its own conversation (access-log.ts, logParticipantAccess): pseudonymous by its party,
 * in the participant's role, naming the device's mode.
 */
export function participantViewEntry(actor: ParticipantActor) {
	return {
		organisationId: actor.organisationId,
		actorType: 'participant',
		actorId: actor.partyId,
		sessionId: actor.sessionId ?? null,
		action: 'access.view',
		targetType: 'conversation',
		targetId: actor.conversationId,
		details: JSON.stringify({ mode: actor.mode }),
		collaborationId: actor.collaborationId,
		actorRole: 'participant'
	};
}
