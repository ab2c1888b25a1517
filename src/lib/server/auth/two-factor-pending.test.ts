import { describe, expect, it } from 'vitest';
import { staffBeforeTwoFactorSetup } from './two-factor-pending.ts';

describe('a member who must still set up two-factor authentication is staff only on the way to it', () => {
	it('outside the staff pages they are nobody: live streams, client links, invitations, unknown routes', () => {
		for (const route of [
			'/live/conversations/[conversationId]',
			'/t/[token]',
			'/l/[token]',
			'/invitation/[token]',
			'/handover/return',
			'/metrics',
			null
		]) {
			expect(staffBeforeTwoFactorSetup(route), String(route)).toBe(false);
		}
	});

	it('the staff pages see them as staff (and send them to the set-up), and so do the start, sign-in, sign-out and language routes', () => {
		for (const route of [
			'/(staff)/account/two-factor',
			'/(staff)/start',
			'/(staff)/participation/handover',
			'/',
			'/sign-in',
			'/sign-out',
			'/language'
		]) {
			expect(staffBeforeTwoFactorSetup(route), route).toBe(true);
		}
	});
});
