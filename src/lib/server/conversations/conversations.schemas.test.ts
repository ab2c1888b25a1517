import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	agreementSchema,
	findAgreementProblem,
	findRatingProblem,
	ratingsFormSchema,
	reviewAgreementSchema
} from './conversations.schemas.ts';

const KEYS = ['omgang', 'luisteren'];

describe('findRatingProblem', () => {
	it('accepts whole numbers from 0 to 100 for every item', () => {
		expect(findRatingProblem({ omgang: 0, luisteren: 100 }, KEYS, null)).toBeNull();
	});

	it('refuses an unknown item', () => {
		expect(findRatingProblem({ omgang: 50, luisteren: 50, weer: 50 }, KEYS, null)).toBe('conversation.unknown_item');
	});

	it('refuses a missing item: nothing is submitted half', () => {
		expect(findRatingProblem({ omgang: 50 }, KEYS, null)).toBe('conversation.incomplete_ratings');
		expect(findRatingProblem({ omgang: 50, luisteren: null }, KEYS, null)).toBe('conversation.incomplete_ratings');
	});

	it('refuses values outside 0–100, fractions and text', () => {
		for (const value of [-1, 101, 50.5, '50', Number.NaN, true]) {
			expect(findRatingProblem({ omgang: 50, luisteren: value }, KEYS, null), String(value)).toBe('conversation.invalid_rating');
		}
	});

	it("limits a child's answers to the smiley values", () => {
		const smileys = [0, 25, 50, 75, 100];
		expect(findRatingProblem({ omgang: 25, luisteren: 100 }, KEYS, smileys)).toBeNull();
		expect(findRatingProblem({ omgang: 30, luisteren: 100 }, KEYS, smileys)).toBe('conversation.invalid_rating');
	});
});

describe('findAgreementProblem', () => {
	const complete = {
		what: 'Elke week bellen',
		who: 'professional' as const,
		dueOn: '2025-03-01',
		successMeasure: 'We spreken elkaar elke week'
	};

	it('accepts a complete agreement due today or later', () => {
		expect(findAgreementProblem(complete, '2025-03-01')).toBeNull();
		expect(findAgreementProblem({ ...complete, who: 'other', whoOther: 'De juf' }, '2025-02-01')).toBeNull();
	});

	it('requires what, who, a date and how we will know it worked', () => {
		for (const missing of [{ what: ' ' }, { successMeasure: '' }, { dueOn: '' }, { dueOn: '2025-02-30' }, { who: 'iemand' as never }]) {
			expect(findAgreementProblem({ ...complete, ...missing }, '2025-01-01'), JSON.stringify(missing)).toBe(
				'conversation.agreement_incomplete'
			);
		}
		expect(findAgreementProblem({ ...complete, who: 'other', whoOther: '' }, '2025-01-01')).toBe('conversation.agreement_incomplete');
	});

	it('refuses a date in the past and texts that are too long', () => {
		expect(findAgreementProblem(complete, '2025-03-02')).toBe('conversation.date_in_past');
		expect(findAgreementProblem({ ...complete, what: 'x'.repeat(501) }, '2025-01-01')).toBe('conversation.text_too_long');
	});
});

describe('form schemas', () => {
	it('read a rating per item from the form and refuse an untouched line', () => {
		const schema = ratingsFormSchema(KEYS);
		expect(v.parse(schema, { omgang: '0', luisteren: '100' })).toEqual({ omgang: 0, luisteren: 100 });
		expect(v.safeParse(schema, { omgang: '50' }).success).toBe(false);
		expect(v.safeParse(schema, { omgang: '50', luisteren: '101' }).success).toBe(false);
		expect(v.safeParse(schema, { omgang: '50', luisteren: '' }).success).toBe(false);
	});

	it('ask for a name when "someone else" does the agreement', () => {
		const input = { what: 'Bellen', who: 'other', whoOther: '', dueOn: '2025-03-01', successMeasure: 'Gebeld' };
		const result = v.safeParse(agreementSchema, input);
		expect(result.success).toBe(false);
		expect(result.issues?.[0]?.path?.[0]?.key).toBe('whoOther');
		expect(v.safeParse(agreementSchema, { ...input, whoOther: 'Oma' }).success).toBe(true);
	});

	it('default a review to no follow-up', () => {
		expect(v.parse(reviewAgreementSchema, { agreementId: 'a1', outcome: 'done', note: '' })).toMatchObject({
			followUp: 'none',
			note: '',
			dueOn: ''
		});
	});
});
