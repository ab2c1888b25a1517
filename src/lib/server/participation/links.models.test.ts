import { describe, expect, it } from 'vitest';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS, linkExpiresAt, linkState, preparationLinkEnd, startOfDayInAmsterdam } from './links.models.ts';

const now = new Date('2026-03-10T09:00:00Z');
const DAY = 86_400_000;

describe('the state of a personal link', () => {
	const open = { expiresAt: '2026-03-11T00:00:00.000Z', claimedAt: null, revokedAt: null };

	it('is open until its end, and expired from that moment', () => {
		expect(linkState(open, now)).toBe('open');
		expect(linkState(open, new Date(open.expiresAt))).toBe('expired');
	});

	it('an ended link says whether a new link replaced it or the professional took it back, even when it also expired or was opened', () => {
		const ended = { ...open, claimedAt: now.toISOString(), revokedAt: now.toISOString() };
		expect(linkState(ended, new Date('2027-01-01'))).toBe('revoked');
		expect(linkState({ ...ended, replacedBy: 'newer-link' }, new Date('2027-01-01'))).toBe('replaced');
	});

	it('an opened link says it was opened, also after its end', () => {
		expect(linkState({ ...open, claimedAt: now.toISOString() }, new Date('2027-01-01'))).toBe('claimed');
	});

	it('a link its device stopped with opens again until its end; an ended link stays ended', () => {
		const released = { ...open, claimedAt: now.toISOString(), releasedAt: now.toISOString() };
		expect(linkState(released, now)).toBe('open');
		expect(linkState(released, new Date(open.expiresAt))).toBe('expired');
		expect(linkState({ ...released, revokedAt: now.toISOString() }, now)).toBe('revoked');
		expect(linkState({ ...released, revokedAt: now.toISOString(), replacedBy: 'newer-link' }, now)).toBe('replaced');
	});
});

describe('how long a link lives', () => {
	it(`without a wish: ${LINK_DEFAULT_DAYS} days`, () => {
		expect(linkExpiresAt(now).getTime() - now.getTime()).toBe(LINK_DEFAULT_DAYS * DAY);
	});

	it(`never longer than ${LINK_MAX_DAYS} days`, () => {
		expect(linkExpiresAt(now, new Date(now.getTime() + 90 * DAY)).getTime() - now.getTime()).toBe(LINK_MAX_DAYS * DAY);
	});

	it('an end in the past still gives a link that works for an hour, not one that is dead at birth', () => {
		expect(linkExpiresAt(now, new Date('2020-01-01')).getTime() - now.getTime()).toBe(3_600_000);
	});

	it('a wished end within the maximum is kept', () => {
		const wished = new Date(now.getTime() + 3 * DAY);
		expect(linkExpiresAt(now, wished)).toEqual(wished);
	});
});

describe('days in the Netherlands', () => {
	it('a winter day starts at 23:00 UTC the day before, a summer day at 22:00', () => {
		expect(startOfDayInAmsterdam('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
		expect(startOfDayInAmsterdam('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
	});

	it('the days daylight saving time starts and ends begin at midnight local time', () => {
		expect(startOfDayInAmsterdam('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(startOfDayInAmsterdam('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
	});

	it('a preparation link works until the end of the day after the planned day', () => {
		expect(preparationLinkEnd('2026-03-20').toISOString()).toBe('2026-03-21T23:00:00.000Z');
	});
});
