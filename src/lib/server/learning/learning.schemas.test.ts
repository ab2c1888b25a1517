import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	actionSchema,
	evaluationSchema,
	findActionProblem,
	findEvaluationProblem,
	findMomentProblem,
	findSafetyProblem,
	findSheetProblem,
	momentSchema,
	sheetSchema,
	topicSchema
} from './learning.schemas.ts';

const action = {
	kind: 'change' as const,
	what: 'Elke week bellen',
	needed: '',
	who: 'both' as const,
	dueOn: '2100-02-01',
	successMeasure: 'We hebben gebeld'
};
const TODAY = '2100-01-10';

describe('findActionProblem', () => {
	it('accepts a complete action, "what is needed" being optional', () => {
		expect(findActionProblem(action, TODAY)).toBeNull();
		expect(findActionProblem({ ...action, needed: 'Een vaste tijd' }, TODAY)).toBeNull();
	});

	it('refuses an action without who or when', () => {
		for (const input of [
			{ ...action, who: undefined },
			{ ...action, who: 'nobody' },
			{ ...action, dueOn: undefined },
			{ ...action, dueOn: '' },
			{ ...action, dueOn: '1-2-2100' },
			{ ...action, who: 'other', whoOther: '' }
		]) {
			expect(findActionProblem(input as unknown as typeof action, TODAY), JSON.stringify(input)).toBe('learning.action_incomplete');
		}
	});

	it('refuses a missing kind, what or measure, a past date and text that is too long', () => {
		expect(findActionProblem({ ...action, kind: undefined } as unknown as typeof action, TODAY)).toBe('learning.action_incomplete');
		expect(findActionProblem({ ...action, what: ' ' }, TODAY)).toBe('learning.action_incomplete');
		expect(findActionProblem({ ...action, successMeasure: '' }, TODAY)).toBe('learning.action_incomplete');
		expect(findActionProblem({ ...action, dueOn: '2100-01-09' }, TODAY)).toBe('conversation.date_in_past');
		expect(findActionProblem({ ...action, what: 'x'.repeat(501) }, TODAY)).toBe('conversation.text_too_long');
		expect(findActionProblem({ ...action, needed: 'x'.repeat(501) }, TODAY)).toBe('conversation.text_too_long');
	});
});

describe('other input rules', () => {
	it('a sheet holds at most 2000 characters per question', () => {
		expect(findSheetProblem({ a: 'x'.repeat(2000), b: null, c: undefined })).toBeNull();
		expect(findSheetProblem({ c: 'x'.repeat(2001) })).toBe('conversation.text_too_long');
	});

	it('safety takes known suggestions and at most 1000 characters of own words', () => {
		expect(findSafetyProblem({ suggestions: ['takeTime', 'noJudging'], ownWords: 'x'.repeat(1000) })).toBeNull();
		expect(findSafetyProblem({ suggestions: ['made-up'] })).toBe('learning.unknown_suggestion');
		expect(findSafetyProblem({ suggestions: [], ownWords: 'x'.repeat(1001) })).toBe('conversation.text_too_long');
	});

	it('an evaluation is two points on the line and an optional remark', () => {
		expect(findEvaluationProblem({ clarity: 0, overall: 100 })).toBeNull();
		expect(findEvaluationProblem({ clarity: 0, overall: 101 })).toBe('learning.evaluation_incomplete');
		expect(findEvaluationProblem({ clarity: 50, overall: 50, remark: 'x'.repeat(1001) })).toBe('conversation.text_too_long');
	});

	it('a moment needs a time in the recording and a note', () => {
		expect(findMomentProblem({ at: '03:15', note: 'Hier' })).toBeNull();
		expect(findMomentProblem({ at: '3.15', note: 'Hier' })).toBe('learning.invalid_time');
		expect(findMomentProblem({ at: '03:15', note: ' ' })).toBe('learning.moment_incomplete');
	});
});

describe('form schemas', () => {
	it('the action form names the missing fields', () => {
		const result = v.safeParse(actionSchema, { actionId: '', kind: 'keep', what: 'Iets', who: '', dueOn: '', successMeasure: 'Zo' });
		expect(result.success).toBe(false);
		const fields = result.issues?.map((issue) => issue.path?.[0]?.key);
		expect(fields).toEqual(expect.arrayContaining(['who', 'dueOn']));
	});

	it('the action form asks to choose when who or the kind was left empty (a radio group sends nothing)', () => {
		const result = v.safeParse(actionSchema, { what: 'Iets', needed: '', dueOn: '2100-01-01', successMeasure: 'Zo' });
		expect(result.issues?.map((issue) => [issue.path?.[0]?.key, issue.message])).toEqual([
			['kind', 'validation_choice'],
			['who', 'validation_choice']
		]);
	});

	it('the action form asks for a name when someone else does it', () => {
		const result = v.safeParse(actionSchema, { ...action, actionId: '', who: 'other', whoOther: '' });
		expect(result.issues?.map((issue) => [issue.path?.[0]?.key, issue.message])).toEqual([['whoOther', 'validation_required']]);
	});

	it('a topic is a card or own words', () => {
		expect(v.safeParse(topicSchema, { deckId: 'd', cardKey: 'k' }).success).toBe(true);
		expect(v.safeParse(topicSchema, { ownText: 'Over school' }).success).toBe(true);
		expect(v.safeParse(topicSchema, { deckId: '', cardKey: '', ownText: '' }).success).toBe(false);
	});

	it('the sheet form refuses 2001 characters with a field message', () => {
		const result = v.safeParse(sheetSchema, { topicId: 't', partyId: 'p', a: 'x'.repeat(2001), b: '', c: '' });
		expect(result.issues?.map((issue) => [issue.path?.[0]?.key, issue.message])).toEqual([['a', 'validation_too_long']]);
	});

	it('the moment form reads mm:ss', () => {
		expect(v.safeParse(momentSchema, { at: '12:34', note: 'x' }).success).toBe(true);
		expect(v.safeParse(momentSchema, { at: '1234', note: 'x' }).issues?.[0]?.message).toBe('learning_validation_time');
	});

	it('the evaluation form reads two points of the line', () => {
		expect(v.safeParse(evaluationSchema, { clarity: '70', overall: '100', remark: '' }).output).toEqual({
			clarity: 70,
			overall: 100,
			remark: ''
		});
		expect(v.safeParse(evaluationSchema, { clarity: '', overall: '100' }).success).toBe(false);
		expect(v.safeParse(evaluationSchema, { clarity: '170', overall: '100' }).success).toBe(false);
	});
});
