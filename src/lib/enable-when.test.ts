import { describe, expect, it } from 'vitest';
import { conditionHolds, isEnabled, keepEnabledAnswers, type EnableCondition } from './enable-when.ts';

const on = (operator: EnableCondition['operator'], value?: number, exists?: boolean): EnableCondition => ({
	question: 'a',
	operator,
	...(value !== undefined && { value }),
	...(exists !== undefined && { exists })
});

describe('a condition of a conditional question (enableWhen)', () => {
	it.each([
		['=', 50, 50, true],
		['=', 50, 75, false],
		['!=', 50, 75, true],
		['!=', 50, 50, false],
		['>', 50, 75, true],
		['>', 50, 50, false],
		['<', 50, 25, true],
		['<', 50, 50, false],
		['>=', 50, 50, true],
		['>=', 50, 25, false],
		['<=', 50, 50, true],
		['<=', 50, 75, false]
	] as const)('%s %d holds for an answer of %d: %s', (operator, value, answer, expected) => {
		expect(conditionHolds(on(operator, value), answer)).toBe(expected);
	});

	it('a value between two points of the line (a decimal condition) compares with the points around it', () => {
		expect(conditionHolds(on('>', 62.5), 75)).toBe(true);
		expect(conditionHolds(on('>', 62.5), 50)).toBe(false);
		// 2 on a 0–3 line is stored 67 but means 66.67: still the same point.
		expect(conditionHolds(on('=', 200 / 3), 67)).toBe(true);
	});

	it('without an answer only `exists false` holds (FHIR R4: no answer makes the other operators false)', () => {
		for (const operator of ['=', '!=', '>', '<', '>=', '<='] as const) expect(conditionHolds(on(operator, 50), undefined)).toBe(false);
		expect(conditionHolds(on('exists', undefined, true), undefined)).toBe(false);
		expect(conditionHolds(on('exists', undefined, false), undefined)).toBe(true);
		expect(conditionHolds(on('exists', undefined, true), 0)).toBe(true);
	});

	it('enableBehavior all needs every condition, any needs one', () => {
		const conditions = [on('>=', 50), { question: 'b', operator: '=' as const, value: 0 }];
		expect(isEnabled({ behavior: 'all', conditions }, { a: 75, b: 100 })).toBe(false);
		expect(isEnabled({ behavior: 'any', conditions }, { a: 75, b: 100 })).toBe(true);
		expect(isEnabled({ behavior: 'all', conditions }, { a: 75, b: 0 })).toBe(true);
		expect(isEnabled(undefined, {})).toBe(true);
	});
});

describe('the answers kept of an instrument with conditional questions', () => {
	const items = [
		{ key: 'mood' },
		{ key: 'worry', enableWhen: { behavior: 'all' as const, conditions: [{ question: 'mood', operator: '<=' as const, value: 25 }] } },
		{
			key: 'help',
			enableWhen: { behavior: 'all' as const, conditions: [{ question: 'worry', operator: 'exists' as const, exists: true }] }
		}
	];

	it('a question whose condition holds is asked; one whose condition does not is not asked and its answer is dropped', () => {
		expect(keepEnabledAnswers(items, { mood: 0, worry: 100, help: 50 })).toEqual({
			values: { mood: 0, worry: 100, help: 50 },
			asked: ['mood', 'worry', 'help']
		});
		expect(keepEnabledAnswers(items, { mood: 75, worry: 100, help: 50 })).toEqual({ values: { mood: 75 }, asked: ['mood'] });
	});

	it('a dropped answer counts as no answer for the questions after it', () => {
		// worry was answered but is not asked (mood 75): help, which needs an answer to worry, is not asked either.
		expect(keepEnabledAnswers(items, { mood: 75, worry: 0 }).asked).toEqual(['mood']);
	});

	it('answers to unknown keys are not kept', () => {
		expect(keepEnabledAnswers(items, { mood: 0, other: 3 }).values).toEqual({ mood: 0 });
	});
});
