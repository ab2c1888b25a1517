/**
 * Which messages a client reads: the rule that decides which keys must exist in every client
 * language (src/lib/locales.ts), checked by src/lib/client-languages.test.ts. A key is client-facing
 * when a client page uses it — the pages below and every module they import, followed to the
 * end — or when the server code of those pages can answer with it (an error code, a field's
 * refusal: src/lib/server/testing/client-error-codes.ts), or when it starts with one of the prefixes (texts a page gets by key from the server, and
 * the mails to participants). A professional's variant of a shared text ends in _formal or _staff
 * and stays Dutch and English.
 */
/** Folders (every page under them) and single page files. */
export const CLIENT_PAGE_FOLDERS = [
	'src/routes/(participant)',
	'src/routes/join',
	'src/routes/l',
	'src/routes/feedback',
	'src/routes/t',
	'src/routes/invitation',
	// The hand-over's return page is the professional's; its part for the client holding the device is the client's.
	'src/routes/handover/return/ChildPart.svelte',
	// A guest's (a trajectory's outside participant's) own pages: their trajectories, the consent and
	// the moment forms (participation.policy.ts, GUEST_CLIENT_ROUTES). Single pages: the folders hold
	// staff pages too.
	'src/routes/(staff)/trajectories/+page.svelte',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/+page.svelte',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/+page.server.ts',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/+page.svelte',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/+page.server.ts',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/instrument/+page.svelte',
	'src/routes/(staff)/trajectories/[trajectoryId=id]/me/moments/[momentId=id]/instrument/+page.server.ts'
] as const;

/** The shell around every page: read without following its imports (the staff header is staff-only). */
export const CLIENT_SHELL_FILES = [
	'src/routes/+layout.svelte',
	'src/routes/+error.svelte',
	'src/lib/components/shell/LanguagePicker.svelte',
	// What every request may be answered with before its page (a broken or too large form post).
	'src/hooks.server.ts'
] as const;

/**
 * The guards every request passes before its page, whose refusals the error page shows
 * (malformed_request): their codes are a client's like those of the client pages' server code.
 */
export const CLIENT_REQUEST_GUARDS = ['src/lib/server/http/input-guard.ts'] as const;

/**
 * What a participant reads on paper (decision 021, "PDFs"): the printed forms, the PDF text they
 * share, and the client's copy. Every key these modules use is client-facing, read without following their imports,
 * except the professional's own form (PRINT_STAFF_KEYS).
 */
export const CLIENT_PRINT_FILES = [
	'src/lib/server/paper/paper.forms.ts',
	'src/lib/server/paper/paper.pdf.ts',
	'src/lib/server/shared/pdf.ts',
	// The client's copy of their data, in the participant's language (decision 011), with the access
	// log's labels it lists; client-copy.languages.test.ts checks the copy on its own.
	'src/lib/server/collaborations/client-copy.document.ts',
	'src/lib/access-log-labels.ts',
	'src/lib/staff-name.ts'
] as const;

/**
 * The participant's outcome (page, PDF and mail; reports.models.ts buildOutcomeDocument) shares
 * its builder with the professionals' report, so its texts are named here rather than found by
 * reading the file: the outcome's own words (outcome_ keys) and these shared ones.
 * reports.outcome-languages.test.ts checks that an outcome in every language holds no Dutch label.
 */
export const CLIENT_OUTCOME_KEYS = [
	'client_term_candidate',
	'client_term_client',
	'client_term_parent',
	'client_term_resident',
	'client_term_youngPerson',
	'client_term_jobSeeker',
	'collaboration_timeline_method_feedback',
	'collaboration_timeline_method_learning',
	'collaboration_timeline_method_quick',
	'collaboration_timeline_outcome_done',
	'collaboration_timeline_outcome_not_done',
	'collaboration_timeline_outcome_open',
	'collaboration_timeline_outcome_partly',
	'collaboration_timeline_who_both',
	'collaboration_timeline_who_client',
	'collaboration_timeline_who_professional',
	'report_agreement_carried',
	'report_agreement_change',
	'report_agreement_due',
	'report_agreement_keep',
	'report_agreement_kind',
	'report_agreement_measure',
	'report_agreement_needed',
	'report_agreement_who',
	'report_evaluation_clarity',
	'report_evaluation_overall',
	'report_evaluation_remark',
	'report_fact_organisation',
	'report_fact_professional',
	'report_moment_about',
	'report_moment_no_topic',
	'report_page',
	'report_review_carried',
	'report_review_note',
	'report_review_outcome',
	'report_section_evaluation',
	'report_section_moments',
	'report_section_reviews',
	'report_section_sheets',
	'report_section_summary',
	'report_section_topics',
	'report_section_wishes',
	'report_sheet_a',
	'report_sheet_b',
	'report_sheet_c',
	'report_subtitle',
	'report_wish_card',
	'report_wishes_from',
	'report_yes'
] as const;

/** The professional's own printed form and its file name: Dutch and English only. */
export const PRINT_STAFF_KEYS: ReadonlySet<string> = new Set([
	'paper_form_title_professional',
	'paper_form_intro_professional',
	'paper_form_closing_professional',
	'paper_form_file_name',
	'learning_sheets_title'
]);

export const CLIENT_FACING_PREFIXES = [
	'participant_',
	'join_',
	'outcome_',
	'links_mail_',
	'links_open_',
	'links_refused',
	'rating_',
	'reveal_',
	'feedback_rating',
	'feedback_sent',
	'prep_moment',
	'prep_wishes',
	'prep_cards',
	'prep_safety',
	'prep_share',
	'prep_participant',
	'shell_footer',
	'read_aloud',
	// The printed preparation card a professional hands over (PrintableLinks.svelte, on a staff
	// page): in the participant's language, unlike the hint around it (an outside review found it
	// in Dutch for an Arabic-speaking parent).
	'prep_print_title',
	'prep_print_for',
	'prep_print_scan',
	'prep_print_until',
	'prep_print_qr_alt'
] as const;

/**
 * Texts for a learning trajectory's outside participants (guests: professionals of other
 * organisations) that a page or mail gets by key: in every client language like a client's, but
 * not a client's wording: src/lib/messages.test.ts does not count them as the client's.
 */
export const GUEST_FACING_PREFIXES = [
	// The header a guest sees on their trajectory pages (SiteHeader.svelte, read as staff elsewhere).
	'trajectory_nav',
	'shell_nav_label',
	'shell_sign_out',
	// The mails to a trajectory's participants (trajectories.mails.ts).
	'trajectory_mail_',
	'mail_invitation_action',
	// What their pages may answer a form with (by code: the import graph cannot see these).
	'validation_too_long',
	'validation_password_short',
	'validation_password_mismatch',
	'validation_date',
	'error_rate_limited',
	'error_trajectory_moment_closed',
	'error_trajectory_moment_not_open',
	'error_trajectory_participant_stopped',
	'error_trajectory_no_buddy',
	'error_invitation_invalid_link',
	'error_invitation_account_exists'
] as const;

/** Staff-side texts that share a prefix or a component with the client's. */
export function isStaffVariant(key: string): boolean {
	return /_(formal|staff)(_|$)/.test(key) || key.startsWith('join_panel_') || PRINT_STAFF_KEYS.has(key);
}
