import * as m from '#lib/paraglide/messages.js';

/** Choice lists shared by several forms; labels in the current language. */
export function clientTermOptions() {
	return [
		{ value: 'client', label: m.client_term_client() },
		{ value: 'parent', label: m.client_term_parent() },
		{ value: 'youngPerson', label: m.client_term_youngPerson() },
		{ value: 'jobSeeker', label: m.client_term_jobSeeker() },
		{ value: 'resident', label: m.client_term_resident() },
		{ value: 'candidate', label: m.client_term_candidate() }
	];
}

export function planTermOptions() {
	return [
		{ value: 'familyPlan', label: m.plan_term_familyPlan() },
		{ value: 'actionPlan', label: m.plan_term_actionPlan() },
		{ value: 'supportPlan', label: m.plan_term_supportPlan() },
		{ value: 'plan', label: m.plan_term_plan() }
	];
}

/** The organisation's word for its clients, e.g. "ouder" (lower case, for use inside a sentence). */
export function clientTermLabel(term: string): string {
	return clientTermOptions().find((option) => option.value === term)?.label ?? m.client_term_client();
}

export function audienceOptions() {
	return [
		{ value: 'adult', label: m.collaboration_audience_adult() },
		{ value: 'child', label: m.collaboration_audience_child() }
	];
}

export function localeOptions() {
	return [
		{ value: 'nl', label: m.shell_language_nl() },
		{ value: 'en', label: m.shell_language_en() }
	];
}

export function teamRoleOptions() {
	return [
		{ value: 'member', label: m.team_role_member() },
		{ value: 'lead', label: m.team_role_lead() }
	];
}

/** A role's name in the page's language (one argument, so `roles.map(roleLabel)` stays safe). */
export function roleLabel(role: string): string {
	return roleLabelIn(role, undefined);
}

/** A role's name in `locale` (a mail in the invitee's language), or in the page's language. */
export function roleLabelIn(role: string, locale: 'nl' | 'en' | undefined): string {
	const options = locale ? { locale } : undefined;
	switch (role) {
		case 'admin':
			return m.role_admin({}, options);
		case 'teamLead':
			return m.role_teamLead({}, options);
		case 'professional':
			return m.role_professional({}, options);
		case 'trajectoryCoordinator':
			return m.role_trajectoryCoordinator({}, options);
		case 'privacyOfficer':
			return m.role_privacyOfficer({}, options);
		default:
			return role;
	}
}

export const ROLE_VALUES = ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'] as const;
