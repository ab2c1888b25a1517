import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { auditQuerySchema } from './audit.schemas.ts';

/** Every message the search gives, by field: the page shows each beside its field, in Dutch or English. */
function messages(input: Record<string, string>): Record<string, string> {
	const result = v.safeParse(auditQuerySchema, input);
	const found: Record<string, string> = {};
	for (const issue of result.issues ?? []) found[issue.path?.map((p) => String(p.key)).join('.') || 'form'] ??= issue.message;
	return found;
}

describe('the audit-log search', () => {
	it('takes empty fields as no filter, and a good search as it is (codes and ids in lower case)', () => {
		expect(v.parse(auditQuerySchema, {})).toEqual({ from: '', to: '', before: '', action: '', staff: '', reference: '' });
		const id = '3F9A2C1B-0000-4000-8000-000000000001';
		expect(
			v.parse(auditQuerySchema, {
				from: '2031-03-01',
				to: ' 2031-03-31 ',
				action: 'access.view',
				staff: id,
				reference: id,
				before: '2031-03-05T10:00:00.000Z'
			})
		).toEqual({
			from: '2031-03-01',
			to: '2031-03-31',
			action: 'access.view',
			staff: id.toLowerCase(),
			reference: id.toLowerCase(),
			before: '2031-03-05T10:00:00.000Z'
		});
	});

	it('refuses bad input with a message for the field: a date that does not exist, an unknown action or staff member, not a reference', () => {
		expect(messages({ from: '2031-02-30', to: 'gisteren' })).toEqual({ from: 'validation_date', to: 'validation_date' });
		expect(messages({ action: 'conversation.deleted_everything' })).toEqual({ action: 'audit_filter_action_unknown' });
		expect(messages({ staff: 'Anna' })).toEqual({ staff: 'audit_filter_staff_unknown' });
		expect(messages({ reference: 'Jansen' })).toEqual({ reference: 'erasure_reference_invalid' });
		expect(messages({ before: 'yesterday' })).toEqual({ before: 'validation_choice' });
	});

	it('refuses a period that ends before it starts', () => {
		expect(messages({ from: '2031-02-02', to: '2031-02-01' })).toEqual({ form: 'access_log_period_invalid' });
		expect(messages({ from: '2031-02-01', to: '2031-02-01' })).toEqual({});
	});

	it('refuses control characters and values far too long before anything else, whatever the field', () => {
		expect(messages({ reference: 'abc\u0000', action: 'access.view\n', from: '2031-03-01\t' })).toEqual({
			reference: 'validation_control_characters',
			action: 'validation_control_characters',
			from: 'validation_control_characters'
		});
		expect(messages({ action: 'a'.repeat(100_000), staff: '9'.repeat(101), to: '2'.repeat(5000) })).toEqual({
			action: 'validation_too_long',
			staff: 'validation_too_long',
			to: 'validation_too_long'
		});
	});
});
