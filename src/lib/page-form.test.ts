import { describe, expect, it } from 'vitest';
import { ORIGIN_PREFIX, PAGE_FIELD, radioName, splitPageFormPost, submitValue, textHash } from './page-form.ts';

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
