import { describe, expect, it } from 'vitest';
import {
	answeredQuestionKeys,
	areMomentsInOrder,
	changedMoments,
	changedTemplate,
	cleanAnswers,
	defaultTemplate,
	isGoalChanged,
	isSameOrganisation,
	momentState,
	nextConsent,
	questionsFor,
	stoppedBy,
	type TemplateQuestion
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
		const change = (questions: TemplateQuestion[], removedKeys: string[] = []) =>
			changedTemplate(template, { questions, removedKeys }, answered, newKey);
		const refused = { refused: 'answered' };
		expect(change([{ ...applied!, text: 'B' }, ...others])).toEqual(refused);
		expect(change([{ ...applied!, kind: 'text' }, ...others])).toEqual(refused);
		expect(change([{ ...applied!, fromMoment: 3 }, ...others])).toEqual(refused);
		expect(change(others, ['applied'])).toEqual(refused);
		counter = 0;
		const changed = change([applied!, { ...others[0]!, text: 'Anders' }, { key: '', kind: 'text', text: 'Nieuw', fromMoment: 1 }]);
		expect('template' in changed && changed.template.questions.map((q) => [q.key, q.text])).toEqual([
			['applied', 'A'],
			['goalReached', 'Anders'],
			// Not mentioned: as they were.
			['familyChange', 'F'],
			['noticed', 'N'],
			['new1', 'Nieuw']
		]);
	});

	it('a question is saved by its key, wherever its row is; only an emptied row removes one; an unknown or repeated key is refused', () => {
		const [applied, goalReached, familyChange, noticed] = template.questions;
		const newKey = () => 'new';
		const change = (questions: TemplateQuestion[], removedKeys: string[] = []) =>
			changedTemplate(template, { questions, removedKeys }, new Set(), newKey);
		// A form that shows the questions in another order (loaded before one was removed) still changes each by its key.
		const moved = change(
			[
				{ ...noticed!, text: 'Wat zag je?' },
				{ ...applied!, text: 'Gebruikt?' }
			],
			[familyChange!.key]
		);
		expect('template' in moved && moved.template.questions.map((q) => [q.key, q.text])).toEqual([
			['applied', 'Gebruikt?'],
			['goalReached', goalReached!.text],
			['noticed', 'Wat zag je?']
		]);
		expect(change([{ ...applied!, key: 'gone' }])).toEqual({ refused: 'unknown' });
		expect(change([], ['gone'])).toEqual({ refused: 'unknown' });
		expect(change([applied!, { ...applied!, text: 'Twee keer' }])).toEqual({ refused: 'unknown' });
		expect(change([applied!], [applied!.key])).toEqual({ refused: 'unknown' });
	});

	it('moments are saved by id and numbered again in order; one not mentioned stays; new ones come last', () => {
		const current = [
			{ id: 'm1', position: 1, opensOn: '2026-01-01', closesOn: '2026-01-10' },
			{ id: 'm2', position: 2, opensOn: '2026-03-01', closesOn: '2026-03-10' },
			{ id: 'm3', position: 3, opensOn: '2026-05-01', closesOn: '2026-05-10' }
		];
		const changed = changedMoments(
			current,
			{
				moments: [
					{ id: 'm3', opensOn: '2026-06-01', closesOn: '2026-06-10' },
					{ id: '', opensOn: '2026-09-01', closesOn: '2026-09-10' }
				],
				removedIds: ['m2']
			},
			() => 'new'
		);
		expect(changed).toEqual({
			moments: [
				{ id: 'm1', position: 1, opensOn: '2026-01-01', closesOn: '2026-01-10', added: false },
				{ id: 'm3', position: 2, opensOn: '2026-06-01', closesOn: '2026-06-10', added: false },
				{ id: 'new', position: 3, opensOn: '2026-09-01', closesOn: '2026-09-10', added: true }
			],
			removed: [current[1]]
		});
		const unknown = { refused: 'unknown' };
		expect(
			changedMoments(current, { moments: [{ id: 'other', opensOn: '2026-01-01', closesOn: '2026-01-02' }], removedIds: [] }, () => 'x')
		).toEqual(unknown);
		expect(changedMoments(current, { moments: [], removedIds: ['other'] }, () => 'x')).toEqual(unknown);
		expect(changedMoments(current, { moments: [{ ...current[0]! }], removedIds: ['m1'] }, () => 'x')).toEqual(unknown);
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
