import * as v from 'valibot';
import type { PlanTerm } from '../db/schema.ts';
import { checkbox, clientLocale, email, locale, requiredText } from '../shared/validation.ts';
import { newPassword, personName } from '../staff/staff.schemas.ts';

export const CLIENT_TERMS = ['client', 'parent', 'youngPerson', 'jobSeeker', 'resident', 'candidate'] as const;
export type ClientTerm = (typeof CLIENT_TERMS)[number];

/** What the organisation calls the plan in the quick check's "plan" question: gezinsplan, plan van aanpak, … */
export const PLAN_TERMS = ['familyPlan', 'actionPlan', 'supportPlan', 'plan'] as const satisfies readonly PlanTerm[];

const minGroupSize = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.regex(/^\d{1,4}$/, 'validation_whole_number'),
	v.transform(Number),
	v.minValue(5, 'validation_min_group_size'),
	v.maxValue(1000, 'validation_too_large')
);

const retentionDays = v.pipe(
	v.string('validation_required'),
	v.trim(),
	v.regex(/^\d{1,5}$/, 'validation_whole_number'),
	v.transform(Number),
	v.minValue(30, 'validation_retention_range'),
	v.maxValue(3650, 'validation_retention_range')
);

export const settingsSchema = v.object({
	name: requiredText(120),
	clientTerm: v.picklist(CLIENT_TERMS, 'validation_choice'),
	planTerm: v.picklist(PLAN_TERMS, 'validation_choice'),
	defaultLocale: locale,
	minGroupSize,
	retentionDays,
	requireTwoFactor: checkbox,
	erasureConfirmation: v.picklist(['secondAdmin', 'holder'], 'validation_choice'),
	/** Checkboxes: the client languages offered besides Dutch (always on). */
	clientLocales: v.optional(v.array(clientLocale, 'validation_choice'))
});

export const setupSchema = v.pipe(
	v.object({
		organisationName: requiredText(120),
		clientTerm: v.picklist(CLIENT_TERMS, 'validation_choice'),
		defaultLocale: locale,
		adminName: personName,
		adminEmail: email,
		password: newPassword,
		passwordConfirm: v.string('validation_required')
	}),
	v.forward(
		v.check((input) => input.password === input.passwordConfirm, 'validation_password_mismatch'),
		['passwordConfirm']
	)
);

export type SettingsInput = v.InferOutput<typeof settingsSchema>;
export type SetupInput = v.InferOutput<typeof setupSchema>;
