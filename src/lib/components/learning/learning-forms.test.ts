import { describe, expect, it } from 'vitest';
import { formIdOf, formState, readSaved } from './learning-forms.ts';

describe('learning forms', () => {
	it('shows the errors and sent values only on the form that was sent', () => {
		const feedback = { errors: { a: 'validation_too_long' }, sent: { formId: 'sheet-t1', a: 'x' }, saved: null };
		expect(formState(feedback, 'sheet-t1')).toEqual({
			errors: { a: 'validation_too_long' },
			sent: { formId: 'sheet-t1', a: 'x' },
			saved: false
		});
		expect(formState(feedback, 'sheet-t2')).toEqual({ errors: {}, sent: null, saved: false });
	});

	it('names the form saved last', () => {
		expect(formState({ errors: {}, sent: {}, saved: 'safety' }, 'safety').saved).toBe(true);
		expect(formIdOf('sheet', 't1', null, 'p2')).toBe('sheet-t1-p2');
	});

	it('reads only well-formed ids from the address', () => {
		expect(readSaved('sheet-t1')).toBe('sheet-t1');
		expect(readSaved('<script>')).toBeNull();
		expect(readSaved(null)).toBeNull();
	});
});
