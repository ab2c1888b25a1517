import * as v from 'valibot';
import { email } from '../shared/validation.ts';
import { newPassword } from '../staff/staff.schemas.ts';

export const signInSchema = v.object({
	email,
	password: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(200, 'validation_too_long')),
	next: v.optional(v.pipe(v.string(), v.maxLength(500)), '')
});

export const codeSchema = v.object({
	code: v.pipe(v.string('validation_required'), v.trim(), v.regex(/^(\d{6}|[A-Za-z0-9-]{8,20})$/, 'validation_code'))
});

export const forgotPasswordSchema = v.object({ email });

export const resetPasswordSchema = v.pipe(
	v.object({ password: newPassword, passwordConfirm: v.string('validation_required') }),
	v.forward(
		v.check((input) => input.password === input.passwordConfirm, 'validation_password_mismatch'),
		['passwordConfirm']
	)
);

export const passwordSchema = v.object({
	password: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(200, 'validation_too_long'))
});

/** The current password, then a new one typed twice, with the same rules as a reset or a set-up. */
export const changePasswordSchema = v.pipe(
	v.object({
		currentPassword: v.pipe(v.string('validation_required'), v.nonEmpty('validation_required'), v.maxLength(200, 'validation_too_long')),
		password: newPassword,
		passwordConfirm: v.string('validation_required')
	}),
	v.forward(
		v.check((input) => input.password === input.passwordConfirm, 'validation_password_mismatch'),
		['passwordConfirm']
	)
);

/** One other session to end, by the id the account page lists it with (a better-auth session id). */
export const endSessionSchema = v.object({
	session: v.pipe(v.string('validation_required'), v.regex(/^[A-Za-z0-9_-]{1,100}$/, 'validation_required'))
});
