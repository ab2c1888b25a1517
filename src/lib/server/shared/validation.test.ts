import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { signInSchema } from '../auth/auth.schemas.ts';
import { acceptInvitationSchema, inviteSchema } from '../staff/staff.schemas.ts';
import { checkbox, cleanText, email, formDataToObject, hasControlCharacters, requiredText, validateForm } from './validation.ts';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('validateForm', () => {
	it('returns the parsed data when the form is valid', () => {
		const result = validateForm(
			signInSchema,
			form([
				['email', ' Ada@Example.NL '],
				['password', 'secret'],
				['next', '/start']
			])
		);
		expect(result).toEqual({
			ok: true,
			data: { email: 'ada@example.nl', password: 'secret', next: '/start' },
			echo: { values: { email: ' Ada@Example.NL ', next: '/start' }, choices: {} }
		});
	});

	it('returns one message key per field, never a sentence', () => {
		const result = validateForm(
			inviteSchema,
			form([
				['email', 'not-an-address'],
				['locale', 'de']
			]),
			['roles']
		);
		expect(result).toEqual({
			ok: false,
			errors: { email: 'validation_email', roles: 'validation_roles_required', locale: 'validation_choice' },
			values: { email: 'not-an-address', locale: 'de' },
			choices: { roles: [] }
		});
	});

	it('puts a cross-field error on the field it is forwarded to', () => {
		const result = validateForm(
			acceptInvitationSchema,
			form([
				['name', 'Nina'],
				['password', 'long enough password'],
				['passwordConfirm', 'something else']
			])
		);
		expect(result).toMatchObject({ ok: false, errors: { passwordConfirm: 'validation_password_mismatch' } });
	});

	it('never echoes passwords, tokens or codes back into the form', () => {
		const result = validateForm(
			v.object({ name: requiredText(3) }),
			form([
				['name', 'too long'],
				['password', 'p'],
				['passwordConfirm', 'p'],
				['token', 't'],
				['code', '123456'],
				['newPassword', 'n']
			])
		);
		expect(result).toEqual({ ok: false, errors: { name: 'validation_too_long' }, values: { name: 'too long' }, choices: {} });
	});

	it('echoes the boxes ticked in a group of checkboxes, so a refused form shows what was chosen rather than what was saved', () => {
		const schema = v.object({ name: requiredText(3), clientLocales: v.array(v.string()) });
		const sent = form([
			['name', 'too long'],
			['clientLocales', 'ar'],
			['clientLocales', 'uk']
		]);
		expect(validateForm(schema, sent, ['clientLocales'])).toMatchObject({ ok: false, choices: { clientLocales: ['ar', 'uk'] } });
		// A valid form that a usecase then refuses is shown again with the same.
		const valid = validateForm(
			schema,
			form([
				['name', 'ok'],
				['clientLocales', 'tr']
			]),
			['clientLocales']
		);
		expect(valid).toMatchObject({ ok: true, echo: { values: { name: 'ok' }, choices: { clientLocales: ['tr'] } } });
	});

	it('echoes at most 500 characters of a value', () => {
		const result = validateForm(v.object({ name: requiredText(3) }), form([['name', 'x'.repeat(600)]]));
		expect(result.ok === false && result.values.name).toHaveLength(500);
	});
});

describe('form building blocks', () => {
	it('formDataToObject keeps every value of array fields and gives missing ones an empty list', () => {
		expect(
			formDataToObject(
				form([
					['roles', 'admin'],
					['roles', 'professional'],
					['name', 'a'],
					['name', 'b']
				]),
				['roles', 'teams']
			)
		).toEqual({
			roles: ['admin', 'professional'],
			name: 'a',
			teams: []
		});
	});

	it('requiredText trims, and refuses empty text', () => {
		expect(v.parse(requiredText(10), '  Noord  ')).toBe('Noord');
		expect(v.safeParse(requiredText(10), '   ').issues?.[0]?.message).toBe('validation_required');
	});

	it('an e-mail address is trimmed and lower-cased', () => {
		expect(v.parse(email, '  Piet@Voorbeeld.NL ')).toBe('piet@voorbeeld.nl');
		expect(v.safeParse(email, 'piet@').issues?.[0]?.message).toBe('validation_email');
	});

	it('a checkbox is on only when ticked', () => {
		expect(v.parse(checkbox, 'on')).toBe(true);
		expect(v.parse(checkbox, undefined)).toBe(false);
		expect(v.parse(checkbox, 'off')).toBe(false);
	});
});

describe('cleanText: the same text on both databases', () => {
	it('removes NUL and the other controls PostgreSQL or a label has no use for, and keeps tabs, newlines and letters', () => {
		expect(cleanText('Ay\u0000şe\u0007 \u001B[31m\u007F\u0085')).toBe('Ayşe [31m');
		expect(cleanText('regel 1\r\nregel 2\tnaast')).toBe('regel 1\r\nregel 2\tnaast');
		expect(cleanText('Łódź 😀 Ελένη')).toBe('Łódź 😀 Ελένη');
	});

	it('removes the bidirectional overrides and isolates that make a text read otherwise than it is stored; keeps the marks Arabic may need', () => {
		expect(cleanText('{data} \u202E\u202Enetsiw\u202C')).toBe('{data} netsiw');
		expect(cleanText('a\u202Ab\u202Bc\u202Dd\u2066e\u2067f\u2068g\u2069h')).toBe('abcdefgh');
		expect(cleanText('مرحبا\u200F Tweespraak\u200E')).toBe('مرحبا\u200F Tweespraak\u200E');
	});

	it('a text of invisible characters only (zero-width, fillers, blank braille) becomes empty; inside a text they stay', () => {
		for (const text of ['\u200B', ' \u200B\u200C\u200D\u2060 ', '\uFEFF\u00AD', '\u115F\u1160', '\u3164', '\u2800', '\u180E', '\u200F'])
			expect(cleanText(text), JSON.stringify(text)).toBe('');
		expect(cleanText('👩\u200D💻')).toBe('👩\u200D💻');
		expect(cleanText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
		expect(cleanText('   ')).toBe('   ');
	});

	it('turns a lone surrogate into U+FFFD instead of an encoding error', () => {
		expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
	});

	it('hasControlCharacters finds any control character, tab and newline included', () => {
		for (const text of ['a\u0000', 'a\tb', 'a\nb', '\u009F', 'x\uDC00'])
			expect(hasControlCharacters(text), JSON.stringify(text)).toBe(true);
		expect(hasControlCharacters('0190c0de-aaaa-7bbb-8ccc-123456789abc')).toBe(false);
	});
});
