import { AsyncLocalStorage } from 'node:async_hooks';
import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import * as env from '$app/env/private';
import * as m from '#lib/paraglide/messages.js';
import { extractLocaleFromRequest, overwriteServerAsyncLocalStorage, type ParaglideAsyncLocalStorage } from '#lib/paraglide/runtime.js';
import { authenticate } from '#lib/server/auth/authenticate.ts';
import { startBackgroundWork } from '#lib/server/background.ts';
import { createAppContext, getAppContext, setAppContext } from '#lib/server/context.ts';
import { admitParticipantDevice, endedLinkPath, handoverStaffLocale } from '#lib/server/http/device-session.ts';
import { pageLocaleOf } from '#lib/server/http/page-locale.ts';
import { chosenLocaleOf, setLocaleCookie } from '#lib/server/http/forms.ts';
import { staffBeforeTwoFactorSetup } from '#lib/server/auth/two-factor-pending.ts';
import { logWriteConflict, logWriteConflictsTo, writeConflictAnswer } from '#lib/server/http/error-answer.ts';
import { clientAddressOf } from '#lib/server/http/client-address.ts';
import { bodyLimitFor, oversizedBody } from '#lib/server/http/body-limit.ts';
import { guardOutboundRequests } from '#lib/server/http/outbound-guard.ts';
import { findMalformedInput, installCleanFormReader } from '#lib/server/http/input-guard.ts';
import { pageFormDrafts } from '#lib/server/http/page-form.ts';
import { answerEndpointRefusals } from '#lib/server/http/endpoint-refusals.ts';
import { announceSetupLinkIfNeeded } from '#lib/server/organisations/organisations.usecases.ts';
import { repeatErasuresAfterRestore } from '#lib/server/retention/retention.requests.usecases.ts';
import { isClientPage, isGuestClientPage, isParticipantRoute } from '#lib/server/participation/participation.policy.ts';
import { getGuestLanguages } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import { directionOf, isClientLocale, type ClientLocale } from '#lib/locales.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import { createLogger } from '#lib/server/shared/logger.ts';
import { withOverrides } from '#lib/server/wording/override-runtime.ts';
import { overridesForOrganisation } from '#lib/server/wording/wording.usecases.ts';
import { enableMetrics, observeRequest } from '#lib/server/shared/metrics.ts';
import { requestIdOf, type TrustedProxy } from '../scripts/request-id.mjs';
import { statusOfPage } from '#lib/server/http/page-refusal.ts';

/** Emitted by scripts/server.mjs when the server stops; listeners hand it the work to wait for. */
const SHUTDOWN_EVENT = 'tweespraak:shutdown';
interface ShutdownRequest {
	waitFor(work: Promise<unknown>): void;
}

export const init: ServerInit = async () => {
	const config = {
		port: env.PORT,
		dataDir: env.DATA_DIR,
		databaseUrl: env.DATABASE_URL,
		origin: env.ORIGIN,
		smtpUrl: env.SMTP_URL,
		mailFrom: env.MAIL_FROM,
		logLevel: env.LOG_LEVEL,
		authSecret: env.AUTH_SECRET,
		jobsPollIntervalMs: env.JOBS_POLL_INTERVAL_MS,
		jobsLeaseMs: env.JOBS_LEASE_SECONDS * 1000,
		backupKeep: env.BACKUP_KEEP,
		metricsToken: env.METRICS_TOKEN,
		allowPrivateProviders: env.ALLOW_PRIVATE_PROVIDERS
	};
	const logger = createLogger(config.logLevel);
	logWriteConflictsTo(logger);
	// Every fetch of this process reaches public addresses only, unless the operator allows more.
	guardOutboundRequests({ allowPrivate: config.allowPrivateProviders });
	// Counted only when someone may read them (/metrics with METRICS_TOKEN).
	if (config.metricsToken) await enableMetrics();
	const ctx = await createAppContext({ config, logger });
	setAppContext(ctx);
	// After a restore: the erasures on request the restored backup predates, before anyone signs in.
	await repeatErasuresAfterRestore({ ctx });
	logger.info({ event: 'server.ready', database: ctx.database.dialect, port: config.port }, 'Tweespraak is ready');
	await announceSetupLinkIfNeeded({ ctx });
	const runner = startBackgroundWork(ctx);
	// scripts/server.mjs asks for this on SIGTERM/SIGINT and waits, so no job stays locked to a stopped instance.
	process.once(SHUTDOWN_EVENT, (shutdown: ShutdownRequest) => shutdown.waitFor(runner.stop()));
};

/**
 * Request id and structured access log of every request the hooks see. The security headers every
 * response carries, and the log line of those answered before the hooks run (SvelteKit's
 * trailing-slash redirect, static files), are the server's response class: scripts/every-response.mjs.
 */
const observe: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	// The server's own id, unless the proxy trusted for client addresses sent one (scripts/request-id.mjs).
	const headers = event.request.headers;
	const { requestId, untrustedRequestId } = requestIdOf((name) => headers.get(name), trustedProxy());
	event.locals.requestId = requestId;
	const response = statusOfPage(event.locals, await resolve(event));
	observeRequest({
		routeId: event.route.id,
		method: event.request.method,
		status: response.status,
		seconds: (performance.now() - started) / 1000
	});
	// Pages carry personal data and devices are sometimes shared: never keep them in a cache.
	if (response.headers.get('content-type')?.startsWith('text/html') && !response.headers.has('cache-control')) {
		trySet(response.headers, 'cache-control', 'no-store');
	}
	response.headers.set('x-request-id', event.locals.requestId);
	getAppContext().logger.info(
		{
			event: 'http.request',
			requestId: event.locals.requestId,
			...(untrustedRequestId ? { untrustedRequestId } : {}),
			method: event.request.method,
			route: event.route.id,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

let proxy: TrustedProxy | undefined;
/** The proxy trusted for client addresses, as configured (README: ADDRESS_HEADER, XFF_DEPTH). */
function trustedProxy(): TrustedProxy {
	return (proxy ??= { addressHeader: env.ADDRESS_HEADER, xffDepth: env.XFF_DEPTH });
}

function trySet(headers: Headers, name: string, value: string): void {
	try {
		headers.set(name, value);
	} catch {
		// Some responses (e.g. from fetch) have immutable headers.
	}
}

/**
 * Paraglide's locale for the request, decided by pageLocaleOf (the cookie, else on a client page
 * the phone's languages, else the base locale) and kept for the messages rendered meanwhile. Not
 * paraglideMiddleware: with the cookie strategy it never redirects nor rewrites the URL, yet it
 * copies every request for frameworks that route on a rewritten one, and copying a form post tees
 * its body. SvelteKit resolves the event it has, so here nothing is copied.
 */
const localeStorage = new AsyncLocalStorage<Parameters<ParaglideAsyncLocalStorage['run']>[0]>();
overwriteServerAsyncLocalStorage(localeStorage);

const i18n: Handle = ({ event, resolve }) => {
	// Arabic, Turkish, Polish and Ukrainian are for the client pages, which follow the phone's
	// languages until the device chooses one; staff pages stay Dutch or English, in the
	// professional's language while a hand-over lasts. One decision for the whole page: the
	// layout hands it to the browser (page-locale.ts), which renders in it whatever the cookie says.
	const store = {
		locale: pageLocaleOf({
			routeId: event.route.id,
			requested: chosenLocaleOf(event.cookies),
			acceptLanguage: event.request.headers.get('accept-language'),
			handoverStaffLocale: handoverStaffLocale(event.cookies)
		}),
		origin: event.url.origin,
		messageCalls: new Set<string>()
	};
	return localeStorage.run(store, () =>
		resolve(event, {
			// Read when the page is sent: a participant's device may have switched to their own language meanwhile.
			transformPageChunk: ({ html }) => html.replace('%lang%', store.locale).replace('%dir%', directionOf(store.locale))
		})
	);
};

/** A participant's device reads the pages in the participant's language, as the professional or the participant last set it; a guest's in theirs. */
function useParticipantLocale(locale: string): void {
	const store = localeStorage.getStore();
	if (store && isClientLocale(locale)) store.locale = locale;
}

/**
 * Malformed input ends here with a 400 and a plain message, before anyone is authenticated or
 * anything is read or written (src/lib/server/http/input-guard.ts); a form body is read here, once,
 * through the guard's reader, which refuses a body it cannot parse (also for an action that takes no
 * fields and would never read it) and cleans every text field.
 */
const guardInput: Handle = async ({ event, resolve }) => {
	const oversized = oversizedBody(event.route.id, event.request);
	if (oversized !== null) return refuseTooLarge(event, oversized);
	let reason = findMalformedInput(event);
	if (!reason) {
		const body = await installCleanFormReader(event.request);
		// Sent without its size (chunked): known to be too large only once the adapter's limit was passed.
		if (body === 'too large') return refuseTooLarge(event, null);
		if (body === 'malformed') reason = 'body';
	}
	if (reason) {
		getAppContext().logger.info({ event: 'http.malformed', requestId: event.locals.requestId, reason }, 'malformed request');
		return new Response(m.error_malformed_request(), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

/** A body over the route's limit, announced (`bytes`) or found while reading it: 413, naming the limit. */
function refuseTooLarge(event: RequestEvent, bytes: number | null): Response {
	getAppContext().logger.info({ event: 'http.too_large', requestId: event.locals.requestId, bytes }, 'request body too large');
	const limit = `${Math.round(bodyLimitFor(event.route.id) / 1024)} KB`;
	return new Response(m.error_body_too_large({ limit }), { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Authentication only: who is this? Authorization happens in each usecase via requireAccess.
 * Staff pages (the (staff) route group) need a signed-in staff member; participant pages (the
 * (participant) group) a participant's device, which in turn reaches nothing else (see
 * admitParticipantDevice); everything else is reachable without an account and decides for itself.
 */
const authentication: Handle = async ({ event, resolve }) => {
	const ctx = getAppContext();
	event.locals.handoverLocked = false;
	const device = await admitParticipantDevice(ctx, event);
	const admitted = event.locals.actor;
	// Only on client pages: the hand-over's return page is the professional's, in their language,
	// and the organisation's own wording of client texts is for the client's pages alone.
	if (admitted && (admitted.type === 'participant' || admitted.type === 'outcomeReader') && isClientPage(event.route.id)) {
		useParticipantLocale(admitted.locale);
		const wording = await overridesForOrganisation(ctx, admitted.organisationId);
		if (device === 'participant') return withOverrides(wording, () => resolve(event));
	}
	if (device === 'participant') return resolve(event);
	const auth = await authenticate(ctx, event.request.headers);
	event.locals.actor = { ...auth.actor, requestId: event.locals.requestId, address: clientAddressOf(event) };
	event.locals.twoFactorSetupRequired = auth.twoFactorSetupRequired;
	event.locals.handoverLocked = auth.handoverLocked;
	const routeId = event.route.id ?? '';
	// Signed in with the password alone where two-factor is required: staff only on the way to the set-up.
	if (auth.twoFactorSetupRequired && !staffBeforeTwoFactorSetup(routeId)) {
		event.locals.actor = { type: 'anonymous', requestId: event.locals.requestId, address: event.locals.actor.address };
	}
	// A handed-over device whose cookies were removed: the server still holds the professional's session locked.
	if (auth.handoverLocked && routeId !== '/handover/return') redirect(303, '/handover/return');
	if (event.locals.actor.type === 'guest' && isGuestClientPage(routeId)) {
		// An outside participant of a learning trajectory reads their trajectory pages in the client
		// language they chose (on their account, else this device's), when an organisation of their
		// trajectories offers it.
		const onDevice = extractLocaleFromRequest(event.request);
		const chosen = event.locals.actor.clientLocale ?? onDevice;
		const offered = await getGuestLanguages({ ctx, actor: event.locals.actor });
		if (offered?.includes(chosen as ClientLocale)) {
			useParticipantLocale(chosen);
			// The browser's Paraglide reads the cookie: the page must hydrate in the language it was sent in.
			if (chosen !== onDevice) setLocaleCookie(event.cookies, chosen, event.url.protocol === 'https:');
		}
	}
	if (routeId.startsWith('/(staff)') && event.locals.actor.type === 'guest') {
		// A guest (an outside professional in a learning trajectory) starts at their trajectories.
		// Every other staff page answers 404: its usecases' requireAccess refuses anyone but staff
		// (e2e/trajectories-access.e2e.ts visits them all as a guest).
		if (routeId === '/(staff)/start') redirect(303, '/trajectories');
	} else if (routeId.startsWith('/(staff)')) {
		if (event.locals.actor.type !== 'staff') {
			redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		if (event.locals.twoFactorSetupRequired && !routeId.startsWith('/(staff)/account/two-factor')) {
			redirect(303, '/account/two-factor');
		}
	}
	if (isParticipantRoute(event.route.id)) {
		// A phone let in with a personal link that was replaced or taken back: told so, shown nothing else.
		if (typeof device === 'object') redirect(303, endedLinkPath(device.link));
		redirect(303, device === 'ended' ? '/join?ended=1' : '/join');
	}
	return resolve(event);
};

export const handle = sequence(observe, i18n, answerEndpointRefusals, guardInput, authentication, pageFormDrafts);

export const handleError: HandleServerError = (input) => {
	const requestId = input.event.locals.requestId;
	if (input.kind === 'unknown' && isDomainError(input.error)) {
		// The one mapper from domain errors to responses: not found is 404, and so on.
		input.event.locals.refusal = input.error.publicCode;
		return { message: input.error.publicCode, status: input.error.status, requestId };
	}
	// A write that lost to a concurrent request, from a load, an action or an endpoint that does
	// not catch it (failFromError does): 409 changed_meanwhile, as a stale form; nothing was stored.
	const conflict = input.kind === 'unknown' ? writeConflictAnswer(input.error) : undefined;
	if (conflict) {
		logWriteConflict(conflict.code, input.event);
		input.event.locals.refusal = conflict.message;
		return { message: conflict.message, status: conflict.status, requestId };
	}
	if (input.kind === 'unknown') {
		const error = input.error;
		getAppContext().logger.error(
			{
				event: 'http.error',
				requestId,
				route: input.event.route.id,
				err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error)
			},
			'unexpected error'
		);
		return { message: 'Internal error', requestId };
	}
	// A refusal thrown with its code (errorPageFrom: error(status, code)); an endpoint shows it translated.
	if (input.kind === 'app') input.event.locals.refusal = input.error.message;
	return { message: input.error.message, requestId };
};
