import { describe, expect, it } from 'vitest';
import {
	answeredQuestionKeys,
	areMomentsInOrder,
	changedTemplate,
	cleanAnswers,
	defaultTemplate,
	isGoalChanged,
	isSameOrganisation,
	momentState,
	nextConsent,
	questionsFor,
	stoppedBy
} from './trajectories.models.ts';

const moment = { opensOn: '2026-03-01', closesOn: '2026-03-10' };
const template = defaultTemplate({ applied: 'A', goalReached: 'G', familyChange: 'F', noticed: 'N' });

describe('trajectory models', () => {
	it('a moment is open from its first up to and including its last day', () => {
		expect(momentState(moment, '2026-02-28')).toBe('upcoming');
		expect(momentState(moment, '2026-03-01')).toBe('open');
		expect(momentState(moment, '2026-03-10')).toBe('open');
		expect(momentState(moment, '2026-03-11')).toBe('closed');
	});

	it('a question counts as answered once anyone gave a non-empty answer to it', () => {
		expect([...answeredQuestionKeys([{ answers: { applied: 'yes', noticed: '' } }, { answers: { familyChange: 'largely' } }])]).toEqual([
			'applied',
			'familyChange'
		]);
		expect(answeredQuestionKeys([]).size).toBe(0);
	});

	it('an answered question cannot be reworded, rescaled, moved or removed; others can, and new ones are added', () => {
		const answered = new Set(['applied']);
		const [applied, ...others] = template.questions;
		let counter = 0;
		const newKey = () => `new${(counter += 1)}`;
		expect(changedTemplate(template, [{ ...applied!, text: 'B' }, ...others], answered, newKey)).toBeNull();
		expect(changedTemplate(template, [{ ...applied!, kind: 'text' }, ...others], answered, newKey)).toBeNull();
		expect(changedTemplate(template, [{ ...applied!, fromMoment: 3 }, ...others], answered, newKey)).toBeNull();
		expect(changedTemplate(template, others, answered, newKey)).toBeNull();
		expect(changedTemplate(template, [{ ...applied!, key: 'unknown' }, ...others], answered, newKey)).toBeNull();
		counter = 0;
		const changed = changedTemplate(
			template,
			[applied!, { ...others[0]!, text: 'Anders' }, { key: '', kind: 'text', text: 'Nieuw', fromMoment: 1 }],
			answered,
			newKey
		);
		expect(changed?.questions.map((q) => [q.key, q.text])).toEqual([
			['applied', 'A'],
			['goalReached', 'Anders'],
			['new1', 'Nieuw']
		]);
	});

	it("the seed's progress questions are asked from T2 on", () => {
		expect(questionsFor(template, 1)).toEqual([]);
		expect(questionsFor(template, 2).map((q) => [q.key, q.kind])).toEqual([
			['applied', 'scale3'],
			['goalReached', 'scale3'],
			['familyChange', 'scale4'],
			['noticed', 'text']
		]);
	});

	it('answers keep only known questions and allowed scale values; empty answers are left out', () => {
		const questions = questionsFor(template, 2);
		expect(
			cleanAnswers(questions, { applied: 'yes', familyChange: 'largely', noticed: ' meer rust ', goalReached: '', other: 'x' })
		).toEqual({
			applied: 'yes',
			familyChange: 'largely',
			noticed: 'meer rust'
		});
		expect(cleanAnswers(questions, { applied: 'largely' })).toBeNull();
		expect(cleanAnswers(questions, { familyChange: 'yes' })).toBeNull();
		expect(cleanAnswers(questions, { noticed: 'x'.repeat(2001) })).toBeNull();
	});

	it('a learning goal changes when its words change, not its spacing or capitals; the first goal is no change', () => {
		expect(isGoalChanged(null, 'Doel')).toBe(false);
		expect(isGoalChanged('Ouders een stem geven', ' ouders een   STEM geven ')).toBe(false);
		expect(isGoalChanged('Ouders een stem geven', 'Kinderen een stem geven')).toBe(true);
	});

	it('saying no after yes is a withdrawal; no before any yes is declining', () => {
		expect(nextConsent('pending', true)).toBe('given');
		expect(nextConsent('pending', false)).toBe('declined');
		expect(nextConsent('given', false)).toBe('withdrawn');
		expect(nextConsent('withdrawn', false)).toBe('withdrawn');
		expect(nextConsent('declined', true)).toBe('given');
	});

	it('moments are in order when none opens before the one before it, and each closes after it opens', () => {
		expect(areMomentsInOrder([moment, { opensOn: '2026-03-05', closesOn: '2026-04-01' }])).toBe(true);
		expect(areMomentsInOrder([moment, { opensOn: '2026-02-01', closesOn: '2026-04-01' }])).toBe(false);
		expect(areMomentsInOrder([{ opensOn: '2026-03-10', closesOn: '2026-03-01' }])).toBe(false);
	});

	it('someone who stopped before a moment closed did not take part in it', () => {
		expect(stoppedBy(null, moment)).toBe(false);
		expect(stoppedBy('2026-03-10', moment)).toBe(true);
		expect(stoppedBy('2026-03-11', moment)).toBe(false);
	});

	it('buddies from organisations with the same name (any capitals) count as the same organisation; unknown never does', () => {
		expect(isSameOrganisation({ organisationName: 'Buurtteam Oost' }, { organisationName: ' buurtteam oost' })).toBe(true);
		expect(isSameOrganisation({ organisationName: 'Buurtteam Oost' }, { organisationName: 'Gezinshuis' })).toBe(false);
		expect(isSameOrganisation({ organisationName: '' }, { organisationName: '' })).toBe(false);
	});
});
