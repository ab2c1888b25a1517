import { describe, expect, it } from 'vitest';
import {
	draftFor,
	hasDraftIn,
	isChoiceDraft,
	ORIGIN_PREFIX,
	PAGE_FIELD,
	radioName,
	ROW_PREFIX,
	splitPageFormPost,
	submitValue,
	textHash
} from './page-form.ts';

// Issue 12 (2): without JavaScript a save sent only its own form, and what was typed in another
// form on the page was gone. A page form sends everything; the action sees only its own group,
// and the text typed elsewhere and not sent comes back on the next page.

const shown = (name: string, value: string): [string, string] => [`${ORIGIN_PREFIX}${name}`, textHash(value)];

/** A learning conversation's sheets step: two topics' sheets, the new moment, and "next step". */
function post(pressed: string, typed: { sheet1?: string; sheet2?: string; note?: string } = {}): [string, string][] {
	return [
		[PAGE_FIELD, '/collaborations/c/learning/k'],
		['__group', 'sheet-t1'],
		['formId', 'sheet-t1'],
		['topicId', 't1'],
		['a', typed.sheet1 ?? 'saved before'],
		shown('a', 'saved before'),
		['__group', 'sheet-t2'],
		['formId', 'sheet-t2'],
		['topicId', 't2'],
		['a', typed.sheet2 ?? ''],
		shown('a', ''),
		['__group', 'moment'],
		['at', ''],
		shown('at', ''),
		['note', typed.note ?? ''],
		shown('note', ''),
		['password', 'secret words'],
		['__group', 'next'],
		['__submit', pressed]
	];
}

describe('a post from a page form', () => {
	it('reaches the action as if only the pressed button’s group had been posted', () => {
		const split = splitPageFormPost(post('sheet-t2', { sheet1: 'changed', sheet2: 'new text' }));
		expect(split?.group).toBe('sheet-t2');
		expect(split?.fields).toEqual([
			['formId', 'sheet-t2'],
			['topicId', 't2'],
			['a', 'new text']
		]);
	});

	it('keeps the text typed in other groups and not sent, and nothing the person did not change', () => {
		const split = splitPageFormPost(post('next', { sheet1: 'changed\r\nover two lines', note: 'Sam lachte' }));
		expect(split?.drafts).toEqual({ 'sheet-t1:a': 'changed\nover two lines', 'moment:note': 'Sam lachte' });
		// A saved text posted unchanged is not a draft: someone else may change it meanwhile.
		expect(splitPageFormPost(post('next'))?.drafts).toEqual({});
	});

	it('never keeps a field without the hash of what the page showed (a password, a hidden field)', () => {
		const split = splitPageFormPost(post('next', { note: 'x' }));
		expect(Object.keys(split?.drafts ?? {})).toEqual(['moment:note']);
		expect(JSON.stringify(split)).not.toContain('secret words');
	});

	it('the default button (Enter in a field) sends no group and keeps every draft', () => {
		const split = splitPageFormPost(post('', { sheet2: 'typed', note: 'also typed' }));
		expect(split?.group).toBe('');
		expect(split?.fields).toEqual([]);
		expect(split?.drafts).toEqual({ 'sheet-t2:a': 'typed', 'moment:note': 'also typed' });
	});

	it('gives a button’s own name and value, and radio names without their group, to the action', () => {
		const split = splitPageFormPost([
			['__group', 'review-a1'],
			['agreementId', 'a1'],
			[radioName('review-a1', 'outcome'), 'done'],
			['__group', 'review-a2'],
			['agreementId', 'a2'],
			[radioName('review-a2', 'outcome'), 'partly'],
			['__submit', submitValue('review-a2', { name: 'savedFrom', value: 'omgang' })]
		]);
		expect(split?.fields).toEqual([
			['agreementId', 'a2'],
			['outcome', 'partly'],
			['savedFrom', 'omgang']
		]);
	});

	it('names the page it came from', () => {
		expect(splitPageFormPost(post('next'))?.page).toBe('/collaborations/c/learning/k');
	});

	it('is not a page form’s post without a pressed button of the page form', () => {
		expect(splitPageFormPost([['email', 'a@example.nl']])).toBeNull();
		expect(splitPageFormPost([['__submit', '<script>']])).toBeNull();
	});

	it('tells a changed text from the one shown, whatever line breaks the browser sends', () => {
		expect(textHash('a\r\nb')).toBe(textHash('a\nb'));
		expect(textHash('a b')).not.toBe(textHash('a  b'));
	});
});

describe('a draft typed in a numbered row comes back on that row only, by its id, never by its place', () => {
	/**
	 * The trajectory settings: question 3 (key qC) reworded and not sent, the moments saved. Row
	 * fields carry the id of the row they show (ROW_PREFIX); a new row's is empty.
	 */
	const settingsPost = (q3Key: string, q4Key = ''): [string, string][] => [
		[PAGE_FIELD, '/trajectories/t/settings'],
		['__group', 'template'],
		['q3Key', q3Key],
		['q3Text', 'Vraag drie, anders gezegd'],
		shown('q3Text', 'Vraag drie'),
		[`${ROW_PREFIX}q3Text`, q3Key],
		['q4Key', q4Key],
		['q4Text', 'Een nieuwe vraag'],
		shown('q4Text', ''),
		[`${ROW_PREFIX}q4Text`, q4Key],
		['__group', 'moments'],
		['moment1Id', 'm1'],
		['__submit', 'moments']
	];

	it('keeps the draft under the row’s id, and the action never sees the row marks', () => {
		const split = splitPageFormPost([...settingsPost('qC').slice(0, -1), ['__submit', 'template']]);
		expect(split?.fields.map(([name]) => name)).toEqual(['q3Key', 'q3Text', 'q4Key', 'q4Text']);
		expect(splitPageFormPost(settingsPost('qC'))?.drafts).toEqual({
			'template:q#Text@qC': 'Vraag drie, anders gezegd',
			'template:q4Text@': 'Een nieuwe vraag'
		});
	});

	it('shows it on the row that shows question qC, wherever it is now, and on no other question that is row 3 now', () => {
		const drafts = splitPageFormPost(settingsPost('qC'))!.drafts;
		expect(draftFor(drafts, 'template', 'q3Text', 'qC')).toBe('Vraag drie, anders gezegd');
		// A colleague removed question 2 meanwhile: row 3 is question qD now, row 2 is qC.
		expect(draftFor(drafts, 'template', 'q3Text', 'qD')).toBeUndefined();
		expect(draftFor(drafts, 'template', 'q2Text', 'qC')).toBe('Vraag drie, anders gezegd');
		// Never on another field of that row.
		expect(draftFor(drafts, 'template', 'q2Kind', 'qC')).toBeUndefined();
		// A new question's text never lands on a row that shows a stored question.
		expect(draftFor(drafts, 'template', 'q4Text', 'qE')).toBeUndefined();
		expect(draftFor(drafts, 'template', 'q4Text', '')).toBe('Een nieuwe vraag');
		// A new row's text stays on its place while that is a new row; taken, it is listed at the end.
		expect(hasDraftIn(drafts, 'template')).toBe(true);
	});

	it('a field of no row is found by its name, as before; a row field’s draft never by its name alone', () => {
		const drafts = splitPageFormPost(post('next', { note: 'Sam lachte' }))!.drafts;
		expect(draftFor(drafts, 'moment', 'note')).toBe('Sam lachte');
		expect(draftFor(splitPageFormPost(settingsPost('qC'))!.drafts, 'template', 'q3Text')).toBeUndefined();
	});

	it('a row id no page shows (a hand-made post) is kept but placed on no row', () => {
		const drafts = splitPageFormPost(settingsPost('qC"><x'))!.drafts;
		expect(Object.keys(drafts)).toContain('template:q#Text@?');
		expect(draftFor(drafts, 'template', 'q3Text', 'qC"><x')).toBeUndefined();
	});
});

describe('a choice made in another group and not sent comes back as a draft, never as text to copy', () => {
	/** The quick check's rating form (a point on the line, none shown yet) and the release of a name. */
	const ratingPost = (chosen: string | null, showed = ''): [string, string][] => [
		[PAGE_FIELD, '/collaborations/c/conversations/k'],
		['__group', 'rating'],
		...(chosen === null ? [] : [[radioName('rating', 'omgang'), chosen] as [string, string]]),
		[`${ORIGIN_PREFIX}${radioName('rating', 'omgang')}`, textHash(showed)],
		['__group', 'release-p1'],
		['partyId', 'p1'],
		['__submit', 'release-p1']
	];

	it('keeps a point chosen and not sent, and nothing where the choice was left as the page showed it', () => {
		const drafts = splitPageFormPost(ratingPost('70'))?.drafts ?? {};
		expect(drafts).toEqual({ 'rating:rating:omgang': '70' });
		expect(draftFor(drafts, 'rating', radioName('rating', 'omgang'))).toBe('70');
		expect(splitPageFormPost(ratingPost(null))?.drafts).toEqual({});
		expect(splitPageFormPost(ratingPost('60', '60'))?.drafts).toEqual({});
	});

	it('tells a choice (whose value reads as nothing without its question: "70") from typed text', () => {
		expect(isChoiceDraft('rating:rating:omgang')).toBe(true);
		expect(isChoiceDraft('rating:text.plek')).toBe(false);
		expect(isChoiceDraft('moment:note')).toBe(false);
		expect(isChoiceDraft('template:q#Text@qC')).toBe(false);
	});

	it('a dropdown of a numbered row (named as a choice) is kept by its row’s id, and stays a choice when its group’s key holds a number', () => {
		const name = radioName('moment-7', 'q3Kind');
		const split = splitPageFormPost([
			['__group', 'moment-7'],
			[name, 'text'],
			[`${ORIGIN_PREFIX}${name}`, textHash('scale3')],
			[`${ROW_PREFIX}${name}`, 'qC'],
			['__group', 'details'],
			['__submit', 'details']
		]);
		expect(split?.drafts).toEqual({ 'moment-7:moment-7:q#Kind@qC': 'text' });
		expect(isChoiceDraft('moment-7:moment-7:q#Kind@qC')).toBe(true);
		expect(draftFor(split!.drafts, 'moment-7', radioName('moment-7', 'q2Kind'), 'qC')).toBe('text');
	});
});
