import { describe, expect, it } from 'vitest';
import { isGuessablePin, isParticipantRoute, redirectForParticipant, type DeviceState } from './participation.policy.ts';

describe('hand-over PINs', () => {
	it.each(['1111', '0000', '1234', '4321', '98765', '12345678', '0123'])('%s is too easy to guess', (pin) => {
		expect(isGuessablePin(pin)).toBe(true);
	});
	it.each(['4826', '1357', '1123', '90210', '2468'])('%s is acceptable', (pin) => {
		expect(isGuessablePin(pin)).toBe(false);
	});
});

describe('where a participant device may go', () => {
	const staffRoutes = [
		'/(staff)/start',
		'/(staff)/account',
		'/(staff)/admin/staff',
		'/(staff)/collaborations/[collaborationId]',
		'/(staff)/participation/handover'
	];
	const publicRoutes = ['/', '/sign-in', '/sign-out', '/join', '/forgot-password', '/invitation/[token]', '/setup/[token]'];
	const states: DeviceState[] = ['ownDevice', 'handover', 'handoverLocked', 'outcome'];

	it('never onto a staff page, in any state', () => {
		for (const state of states) {
			for (const route of staffRoutes) expect(redirectForParticipant(route, state), `${state} ${route}`).not.toBeNull();
		}
	});

	it('a handed-over or own device sees the participant pages and its live stream; everything else leads to /c', () => {
		for (const state of ['ownDevice', 'handover'] as const) {
			expect(redirectForParticipant('/(participant)/c', state)).toBeNull();
			expect(redirectForParticipant('/(participant)/c/rate', state)).toBeNull();
			expect(redirectForParticipant('/live/conversations/[conversationId]', state)).toBeNull();
			for (const route of [...staffRoutes, ...publicRoutes]) expect(redirectForParticipant(route, state)).toBe('/c');
		}
	});

	it('an own device may open a personal link; a handed-over or locked device may not', () => {
		expect(redirectForParticipant('/l/[token]', 'ownDevice')).toBeNull();
		expect(redirectForParticipant('/l/[token]', 'handover')).toBe('/c');
		expect(redirectForParticipant('/l/[token]', 'handoverLocked')).toBe('/handover/return');
	});

	it('only a handed-over device has the way back to the professional', () => {
		expect(redirectForParticipant('/handover/return', 'handover')).toBeNull();
		expect(redirectForParticipant('/handover/return', 'handoverLocked')).toBeNull();
		expect(redirectForParticipant('/handover/return', 'ownDevice')).toBe('/c');
	});

	it('a locked hand-over device (its session ended) shows only the way back', () => {
		for (const route of [...staffRoutes, ...publicRoutes, '/(participant)/c', '/live/conversations/[conversationId]']) {
			expect(redirectForParticipant(route, 'handoverLocked')).toBe('/handover/return');
		}
	});

	it('an own phone after the close reaches its outcome page and PDF only; a running device is sent back to /c', () => {
		expect(redirectForParticipant('/(participant)/c/outcome', 'outcome')).toBeNull();
		expect(redirectForParticipant('/(participant)/c/outcome/pdf', 'outcome')).toBeNull();
		const elsewhere = [
			'/(participant)/c',
			'/(participant)/c/feedback',
			'/(participant)/c/preparation',
			'/live/conversations/[conversationId]'
		];
		const others = publicRoutes.filter((route) => route !== '/join');
		for (const route of [...staffRoutes, ...others, ...elsewhere]) expect(redirectForParticipant(route, 'outcome')).toBe('/c/outcome');
		// The next conversation can be joined from the same phone.
		expect(redirectForParticipant('/join', 'outcome')).toBeNull();
		expect(redirectForParticipant('/l/[token]', 'outcome')).toBeNull();
		for (const state of ['ownDevice', 'handover'] as const) {
			expect(redirectForParticipant('/(participant)/c/outcome', state)).toBe('/c');
			expect(redirectForParticipant('/(participant)/c/outcome/pdf', state)).toBe('/c');
		}
	});

	it('the language switch, the health check and the not-found page stay reachable', () => {
		for (const state of states) {
			expect(redirectForParticipant('/language', state)).toBeNull();
			expect(redirectForParticipant('/healthz', state)).toBeNull();
			expect(redirectForParticipant(null, state)).toBeNull();
		}
	});

	it('participant pages are recognised by their route group', () => {
		expect(isParticipantRoute('/(participant)/c')).toBe(true);
		expect(isParticipantRoute('/(participant)')).toBe(true);
		expect(isParticipantRoute('/(staff)/start')).toBe(false);
		expect(isParticipantRoute('/join')).toBe(false);
		expect(isParticipantRoute(null)).toBe(false);
	});
});
