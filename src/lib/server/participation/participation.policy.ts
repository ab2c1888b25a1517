/**
 * Pure rules of taking part without an account: which PINs are too easy, and where a
 * participant's browser may go.
 */

export const HANDOVER_PIN_PATTERN = /^\d{4,8}$/;

/**
 * A PIN someone looking over a shoulder, or trying the usual suspects, would not get at once:
 * not all one digit (1111), not a straight run up or down (1234, 9876).
 */
export function isGuessablePin(pin: string): boolean {
	const digits = [...pin].map(Number);
	const steps = digits.slice(1).map((digit, index) => digit - digits[index]!);
	const constantStep = steps.every((step) => step === steps[0]);
	return constantStep && (steps[0] === 0 || steps[0] === 1 || steps[0] === -1);
}

/** The page that claims a personal link (participation/link-opening.usecases.ts). */
export const PERSONAL_LINK_ROUTE = '/l/[token]';

/** The state of a browser as far as participation is concerned; 'outcome': an own phone after the close. */
export type DeviceState = 'ownDevice' | 'handover' | 'handoverLocked' | 'outcome';

/** Where a handed-over device goes back to the professional (routes/handover/return). */
export const HANDOVER_RETURN_ROUTE = '/handover/return';

/** The outcome page and its PDF: all an own phone reaches after its conversation closed. */
export const OUTCOME_ROUTE = '/(participant)/c/outcome';

/**
 * Where a participant's browser may go. A hand-over device shows the client-only screen and
 * nothing else; when its session has ended it stays locked until the professional
 * authenticates again. Returns the path to send the browser to, or null to let it through.
 */
export function redirectForParticipant(routeId: string | null, state: DeviceState): string | null {
	// No route: the 404 page, which shows nothing.
	if (routeId === null) return null;
	if (routeId === '/language' || routeId === '/healthz') return null;
	if (state === 'handoverLocked') return routeId === '/handover/return' ? null : '/handover/return';
	if (state === 'outcome') {
		// Joining the next conversation (a code or a personal link) replaces the outcome on this phone.
		if (routeId === '/join' || routeId === PERSONAL_LINK_ROUTE) return null;
		return routeId === OUTCOME_ROUTE || routeId.startsWith(`${OUTCOME_ROUTE}/`) ? null : '/c/outcome';
	}
	// A running conversation has no outcome page yet: the phone follows the conversation.
	if (routeId === OUTCOME_ROUTE || routeId.startsWith(`${OUTCOME_ROUTE}/`)) return '/c';
	if (routeId === '/(participant)' || routeId.startsWith('/(participant)/')) return null;
	if (routeId.startsWith('/live/')) return null;
	// A personal link opened on a phone that already takes part (in this or another conversation).
	if (state === 'ownDevice' && routeId === PERSONAL_LINK_ROUTE) return null;
	if (state === 'handover' && routeId === '/handover/return') return null;
	return '/c';
}

/** Pages only a participant's device can open; anyone else is sent to enter a code. */
export function isParticipantRoute(routeId: string | null): boolean {
	return routeId === '/(participant)' || (routeId?.startsWith('/(participant)/') ?? false);
}

/** A client's personal link in a learning trajectory (issue 14): answered without an account or device session. */
export const TRAJECTORY_CLIENT_ROUTE = '/t/[token]';
/** Where an invitation link leads; for a trajectory invitation, an outside participant's first page. */
export const INVITATION_ROUTE = '/invitation/[token]';

/**
 * The pages an outside participant of a learning trajectory (a guest) reads: their trajectories,
 * their own trajectory page with the consent, and their moment forms (the moment's questions and
 * its instrument). For a guest they are client pages, in the client languages (docs/decisions/021);
 * a staff member of any organisation reads them as staff.
 */
export const GUEST_CLIENT_ROUTES: readonly string[] = [
	'/(staff)/trajectories',
	'/(staff)/trajectories/[trajectoryId=id]/me',
	'/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]',
	'/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/instrument'
];

export function isGuestClientPage(routeId: string | null): boolean {
	return routeId !== null && GUEST_CLIENT_ROUTES.includes(routeId);
}

/** Pages a client reads, in any client language (src/lib/locales.ts); every other page is a staff page, in Dutch or English. */
export function isClientPage(routeId: string | null): boolean {
	if (routeId === null) return true;
	if (isParticipantRoute(routeId) || routeId.startsWith('/live/')) return true;
	return ['/join', PERSONAL_LINK_ROUTE, '/l/ended', '/feedback/sent', '/language', TRAJECTORY_CLIENT_ROUTE, INVITATION_ROUTE].includes(
		routeId
	);
}
