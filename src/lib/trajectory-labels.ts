import * as m from '#lib/paraglide/messages.js';

/**
 * Words for a trajectory's codes, shared by the pages (current language) and the CSV and PDF
 * exports (the coordinator's language, passed in).
 */
type Locale = 'nl' | 'en';
const opts = (locale?: Locale) => (locale ? { locale } : {});

export function scaleOptionLabel(option: string, locale?: Locale): string {
	const o = opts(locale);
	switch (option) {
		case 'no':
			return m.trajectory_scale_no({}, o);
		case 'somewhat':
			return m.trajectory_scale_somewhat({}, o);
		case 'yes':
			return m.trajectory_scale_yes({}, o);
		case 'not':
			return m.trajectory_scale4_not({}, o);
		case 'aLittle':
			return m.trajectory_scale4_a_little({}, o);
		case 'largely':
			return m.trajectory_scale4_largely({}, o);
		default:
			return option;
	}
}

/** The 4-point "somewhat" is "enigszins" too, but belongs to its own scale. */
export function scaleLabel(kind: string, option: string, locale?: Locale): string {
	if (kind === 'scale4' && option === 'somewhat') return m.trajectory_scale4_somewhat({}, opts(locale));
	return scaleOptionLabel(option, locale);
}

export function momentCellLabel(cell: string, locale?: Locale): string {
	const o = opts(locale);
	switch (cell) {
		case 'delivered':
			return m.trajectory_cell_delivered({}, o);
		case 'missing':
			return m.trajectory_cell_missing({}, o);
		case 'stopped':
			return m.trajectory_cell_stopped({}, o);
		case 'open':
			return m.trajectory_cell_open({}, o);
		default:
			return m.trajectory_cell_upcoming({}, o);
	}
}

export function evaluationCellLabel(cell: string, locale?: Locale): string {
	const o = opts(locale);
	if (cell === 'yes') return m.trajectory_cell_delivered({}, o);
	if (cell === 'stopped') return m.trajectory_cell_stopped({}, o);
	return m.trajectory_cell_missing({}, o);
}

export function levelLabel(level: string, locale?: Locale): string {
	const o = opts(locale);
	if (level === 'personal') return m.trajectory_level_personal({}, o);
	if (level === 'team') return m.trajectory_level_team({}, o);
	return m.trajectory_level_organisation({}, o);
}

export function questionKindLabel(kind: string, locale?: Locale): string {
	const o = opts(locale);
	if (kind === 'scale3') return m.trajectory_kind_scale3({}, o);
	if (kind === 'scale4') return m.trajectory_kind_scale4({}, o);
	return m.trajectory_kind_text({}, o);
}

export function consentLabel(consent: string, locale?: Locale): string {
	const o = opts(locale);
	if (consent === 'given') return m.trajectory_consent_given({}, o);
	if (consent === 'declined') return m.trajectory_consent_declined({}, o);
	if (consent === 'withdrawn') return m.trajectory_consent_withdrawn({}, o);
	return m.trajectory_consent_pending({}, o);
}

/** "Deelnemer 3", or the name when the coordinator chose names. */
export function personLabel(person: { number: number; name: string | null }, locale?: Locale): string {
	return person.name ?? m.trajectory_participant_number({ number: person.number }, opts(locale));
}

/** A function as the report and forms show it: the seed's in the reader's language, the coordinator's own as typed. */
export function functionLabel(fn: { builtin: string | null; name: string | null }, locale?: Locale): string {
	const o = opts(locale);
	switch (fn.builtin) {
		case 'neighbourhoodTeamWorker':
			return m.trajectory_function_neighbourhood_team_worker({}, o);
		case 'youthProtectionChair':
			return m.trajectory_function_youth_protection_chair({}, o);
		case 'experienceExpert':
			return m.trajectory_function_experience_expert({}, o);
		case 'familyHomeParent':
			return m.trajectory_function_family_home_parent({}, o);
		case 'youthInterviewer':
			return m.trajectory_function_youth_interviewer({}, o);
		case 'behaviouralScientist':
			return m.trajectory_function_behavioural_scientist({}, o);
		default:
			return fn.name ?? fn.builtin ?? '';
	}
}

/** The seed's "Toelichting" in table 2. */
export function buddyNoteLabel(note: string, locale?: Locale): string {
	const o = opts(locale);
	switch (note) {
		case 'noConsent':
			return m.trajectory_report_note_no_consent({}, o);
		case 'stopped':
			return m.trajectory_report_note_stopped({}, o);
		case 'noBuddy':
			return m.trajectory_report_note_no_buddy({}, o);
		case 'buddyNotInMonitor':
			return m.trajectory_report_note_buddy_not_in_monitor({}, o);
		case 'buddyStopped':
			return m.trajectory_report_note_buddy_stopped({}, o);
		default:
			return m.trajectory_report_note_no_entries({}, o);
	}
}
