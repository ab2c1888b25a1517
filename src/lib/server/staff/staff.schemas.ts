import * as v from 'valibot';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/auth.ts';
import { checkbox, email, locale, requiredText } from '../shared/validation.ts';

export const ROLES = ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'] as const;

export const roles = v.pipe(
	v.array(v.picklist(ROLES, 'validation_choice'), 'validation_choice'),
	v.minLength(1, 'validation_roles_required'),
	v.maxLength(ROLES.length, 'validation_choice')
);

export const newPassword = v.pipe(
	v.string('validation_required'),
	v.minLength(PASSWORD_MIN_LENGTH, 'validation_password_short'),
	v.maxLength(PASSWORD_MAX_LENGTH, 'validation_too_long')
);

export const personName = requiredText(100);

export const inviteSchema = v.object({
	email,
	roles,
	teamId: v.optional(v.pipe(v.string(), v.maxLength(64, 'validation_choice')), ''),
	locale
});

export const changeRolesSchema = v.object({
	userId: v.pipe(v.string(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	roles
});

export const userIdSchema = v.object({
	userId: v.pipe(v.string(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'))
});

/** Deactivating: who takes over the open collaborations the person holds ('' when they hold none). */
export const deactivateSchema = v.object({
	userId: v.pipe(v.string(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	handoverTo: v.optional(v.pipe(v.string(), v.maxLength(64, 'validation_choice')), '')
});

/** Deleting an account: the admin ticks that it cannot be undone. */
export const deleteStaffSchema = v.object({
	userId: v.pipe(v.string(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice')),
	confirm: checkbox
});

/** A new password typed twice. */
export const passwordPairSchema = v.pipe(
	v.object({ password: newPassword, passwordConfirm: v.string('validation_required') }),
	v.forward(
		v.check((input) => input.password === input.passwordConfirm, 'validation_password_mismatch'),
		['passwordConfirm']
	)
);

export const acceptInvitationSchema = v.pipe(
	v.object({ name: personName, password: newPassword, passwordConfirm: v.string('validation_required') }),
	v.forward(
		v.check((input) => input.password === input.passwordConfirm, 'validation_password_mismatch'),
		['passwordConfirm']
	)
);
