import * as m from '#lib/paraglide/messages.js';
import { isAuditAction, isAuditTargetType, type AuditAction, type AuditTargetType } from '#lib/audit-actions.ts';
import type { ClientLocale } from '#lib/locales.ts';
import { staffDisplayName } from '#lib/staff-name.ts';

type Label = (locale?: ClientLocale) => string;

const opts = (locale?: ClientLocale) => (locale ? { locale } : {});

/** A Record, so an action added to AUDIT_ACTIONS fails the type check until it has a label here and in messages/. */
const ACTION_LABELS: Record<AuditAction, Label> = {
	'access.change': (l) => m.audit_action_access_change({}, opts(l)),
	'access.view': (l) => m.audit_action_access_view({}, opts(l)),
	'access_log.exported': (l) => m.audit_action_access_log_exported({}, opts(l)),
	'account.handover_pin_cleared': (l) => m.audit_action_account_handover_pin_cleared({}, opts(l)),
	'account.handover_pin_set': (l) => m.audit_action_account_handover_pin_set({}, opts(l)),
	'audit.exported': (l) => m.audit_action_audit_exported({}, opts(l)),
	'auth.other_sessions_ended': (l) => m.audit_action_auth_other_sessions_ended({}, opts(l)),
	'auth.password_changed': (l) => m.audit_action_auth_password_changed({}, opts(l)),
	'auth.password_reset': (l) => m.audit_action_auth_password_reset({}, opts(l)),
	'auth.password_verified': (l) => m.audit_action_auth_password_verified({}, opts(l)),
	'auth.session_ended': (l) => m.audit_action_auth_session_ended({}, opts(l)),
	'auth.signed_in': (l) => m.audit_action_auth_signed_in({}, opts(l)),
	'auth.signed_out': (l) => m.audit_action_auth_signed_out({}, opts(l)),
	'auth.two_factor_disabled': (l) => m.audit_action_auth_two_factor_disabled({}, opts(l)),
	'auth.two_factor_enabled': (l) => m.audit_action_auth_two_factor_enabled({}, opts(l)),
	'collaboration.client_copy_made': (l) => m.audit_action_collaboration_client_copy_made({}, opts(l)),
	'collaboration.closed': (l) => m.audit_action_collaboration_closed({}, opts(l)),
	'collaboration.created': (l) => m.audit_action_collaboration_created({}, opts(l)),
	'collaboration.erased': (l) => m.audit_action_collaboration_erased({}, opts(l)),
	'collaboration.fhir_exported': (l) => m.audit_action_collaboration_fhir_exported({}, opts(l)),
	'collaboration.handed_over': (l) => m.audit_action_collaboration_handed_over({}, opts(l)),
	'collaboration.listed': (l) => m.audit_action_collaboration_listed({}, opts(l)),
	'collaboration.participant_added': (l) => m.audit_action_collaboration_participant_added({}, opts(l)),
	'collaboration.participant_removed': (l) => m.audit_action_collaboration_participant_removed({}, opts(l)),
	'collaboration.participant_updated': (l) => m.audit_action_collaboration_participant_updated({}, opts(l)),
	'collaboration.professional_added': (l) => m.audit_action_collaboration_professional_added({}, opts(l)),
	'collaboration.professional_removed': (l) => m.audit_action_collaboration_professional_removed({}, opts(l)),
	'collaboration.quick_check_instrument_set': (l) => m.audit_action_collaboration_quick_check_instrument_set({}, opts(l)),
	'collaboration.reopened': (l) => m.audit_action_collaboration_reopened({}, opts(l)),
	'collaboration.updated': (l) => m.audit_action_collaboration_updated({}, opts(l)),
	'collaboration.viewed': (l) => m.audit_action_collaboration_viewed({}, opts(l)),
	'conversation.abandoned': (l) => m.audit_action_conversation_abandoned({}, opts(l)),
	'conversation.agreement_reviewed': (l) => m.audit_action_conversation_agreement_reviewed({}, opts(l)),
	'conversation.agreement_saved': (l) => m.audit_action_conversation_agreement_saved({}, opts(l)),
	'conversation.agreement_started': (l) => m.audit_action_conversation_agreement_started({}, opts(l)),
	'conversation.closed': (l) => m.audit_action_conversation_closed({}, opts(l)),
	'conversation.paper_entered': (l) => m.audit_action_conversation_paper_entered({}, opts(l)),
	'conversation.party_absent': (l) => m.audit_action_conversation_party_absent({}, opts(l)),
	'conversation.party_present': (l) => m.audit_action_conversation_party_present({}, opts(l)),
	'conversation.ratings_submitted': (l) => m.audit_action_conversation_ratings_submitted({}, opts(l)),
	'conversation.reflection_saved': (l) => m.audit_action_conversation_reflection_saved({}, opts(l)),
	'conversation.reflection_started': (l) => m.audit_action_conversation_reflection_started({}, opts(l)),
	'conversation.revealed': (l) => m.audit_action_conversation_revealed({}, opts(l)),
	'conversation.review_chosen': (l) => m.audit_action_conversation_review_chosen({}, opts(l)),
	'conversation.review_finished': (l) => m.audit_action_conversation_review_finished({}, opts(l)),
	'conversation.scheduled': (l) => m.audit_action_conversation_scheduled({}, opts(l)),
	'conversation.started': (l) => m.audit_action_conversation_started({}, opts(l)),
	'deck.card_edited': (l) => m.audit_action_deck_card_edited({}, opts(l)),
	'deck.disabled': (l) => m.audit_action_deck_disabled({}, opts(l)),
	'deck.enabled': (l) => m.audit_action_deck_enabled({}, opts(l)),
	'erasure.confirmed': (l) => m.audit_action_erasure_confirmed({}, opts(l)),
	'erasure.rejected': (l) => m.audit_action_erasure_rejected({}, opts(l)),
	'erasure.requested': (l) => m.audit_action_erasure_requested({}, opts(l)),
	'feedback.abandoned': (l) => m.audit_action_feedback_abandoned({}, opts(l)),
	'feedback.closed': (l) => m.audit_action_feedback_closed({}, opts(l)),
	'feedback.paper_entered': (l) => m.audit_action_feedback_paper_entered({}, opts(l)),
	'feedback.submitted': (l) => m.audit_action_feedback_submitted({}, opts(l)),
	'identity.passwords_allowed': (l) => m.audit_action_identity_passwords_allowed({}, opts(l)),
	'identity.provider_removed': (l) => m.audit_action_identity_provider_removed({}, opts(l)),
	'identity.provider_saved': (l) => m.audit_action_identity_provider_saved({}, opts(l)),
	'insights.caseload_exported': (l) => m.audit_action_insights_caseload_exported({}, opts(l)),
	'insights.caseload_viewed': (l) => m.audit_action_insights_caseload_viewed({}, opts(l)),
	'insights.collaboration_viewed': (l) => m.audit_action_insights_collaboration_viewed({}, opts(l)),
	'insights.dashboard_exported': (l) => m.audit_action_insights_dashboard_exported({}, opts(l)),
	'insights.dashboard_viewed': (l) => m.audit_action_insights_dashboard_viewed({}, opts(l)),
	'instrument.imported': (l) => m.audit_action_instrument_imported({}, opts(l)),
	'invitation.accepted': (l) => m.audit_action_invitation_accepted({}, opts(l)),
	'invitation.created': (l) => m.audit_action_invitation_created({}, opts(l)),
	'invitation.resent': (l) => m.audit_action_invitation_resent({}, opts(l)),
	'invitation.revoked': (l) => m.audit_action_invitation_revoked({}, opts(l)),
	'learning.action_removed': (l) => m.audit_action_learning_action_removed({}, opts(l)),
	'learning.action_saved': (l) => m.audit_action_learning_action_saved({}, opts(l)),
	'learning.actions_started': (l) => m.audit_action_learning_actions_started({}, opts(l)),
	'learning.evaluation_saved': (l) => m.audit_action_learning_evaluation_saved({}, opts(l)),
	'learning.evaluation_started': (l) => m.audit_action_learning_evaluation_started({}, opts(l)),
	'learning.moment_removed': (l) => m.audit_action_learning_moment_removed({}, opts(l)),
	'learning.moment_saved': (l) => m.audit_action_learning_moment_saved({}, opts(l)),
	'learning.prepared_moment_used': (l) => m.audit_action_learning_prepared_moment_used({}, opts(l)),
	'learning.safety_saved': (l) => m.audit_action_learning_safety_saved({}, opts(l)),
	'learning.sheet_paper_entered': (l) => m.audit_action_learning_sheet_paper_entered({}, opts(l)),
	'learning.sheet_saved': (l) => m.audit_action_learning_sheet_saved({}, opts(l)),
	'learning.sheets_started': (l) => m.audit_action_learning_sheets_started({}, opts(l)),
	'learning.started': (l) => m.audit_action_learning_started({}, opts(l)),
	'learning.topic_chosen': (l) => m.audit_action_learning_topic_chosen({}, opts(l)),
	'learning.topic_removed': (l) => m.audit_action_learning_topic_removed({}, opts(l)),
	'learning.topics_started': (l) => m.audit_action_learning_topics_started({}, opts(l)),
	'learning.wish_handed': (l) => m.audit_action_learning_wish_handed({}, opts(l)),
	'link.claimed': (l) => m.audit_action_link_claimed({}, opts(l)),
	'link.created': (l) => m.audit_action_link_created({}, opts(l)),
	'link.refused': (l) => m.audit_action_link_refused({}, opts(l)),
	'link.revoked': (l) => m.audit_action_link_revoked({}, opts(l)),
	'link.sent': (l) => m.audit_action_link_sent({}, opts(l)),
	'mail.sent': (l) => m.audit_action_mail_sent({}, opts(l)),
	'organisation.created': (l) => m.audit_action_organisation_created({}, opts(l)),
	'organisation.quick_check_instrument_set': (l) => m.audit_action_organisation_quick_check_instrument_set({}, opts(l)),
	'organisation.session_feedback_instrument_set': (l) => m.audit_action_organisation_session_feedback_instrument_set({}, opts(l)),
	'organisation.settings_updated': (l) => m.audit_action_organisation_settings_updated({}, opts(l)),
	'outcome.mailed': (l) => m.audit_action_outcome_mailed({}, opts(l)),
	'outcome.removed_from_device': (l) => m.audit_action_outcome_removed_from_device({}, opts(l)),
	'outcome.viewed': (l) => m.audit_action_outcome_viewed({}, opts(l)),
	'participant.erased': (l) => m.audit_action_participant_erased({}, opts(l)),
	'participation.claimed': (l) => m.audit_action_participation_claimed({}, opts(l)),
	'participation.handover_ended': (l) => m.audit_action_participation_handover_ended({}, opts(l)),
	'participation.handover_signed_out': (l) => m.audit_action_participation_handover_signed_out({}, opts(l)),
	'participation.handover_started': (l) => m.audit_action_participation_handover_started({}, opts(l)),
	'participation.left': (l) => m.audit_action_participation_left({}, opts(l)),
	'participation.locale_changed': (l) => m.audit_action_participation_locale_changed({}, opts(l)),
	'participation.released': (l) => m.audit_action_participation_released({}, opts(l)),
	'preparation.paper_entered': (l) => m.audit_action_preparation_paper_entered({}, opts(l)),
	'preparation.saved': (l) => m.audit_action_preparation_saved({}, opts(l)),
	'preparation.shared': (l) => m.audit_action_preparation_shared({}, opts(l)),
	'preparation.shared_viewed': (l) => m.audit_action_preparation_shared_viewed({}, opts(l)),
	'preparation.taken_back': (l) => m.audit_action_preparation_taken_back({}, opts(l)),
	'preparation.viewed': (l) => m.audit_action_preparation_viewed({}, opts(l)),
	'report.viewed': (l) => m.audit_action_report_viewed({}, opts(l)),
	'staff.deactivated': (l) => m.audit_action_staff_deactivated({}, opts(l)),
	'staff.deleted': (l) => m.audit_action_staff_deleted({}, opts(l)),
	'staff.made_admin': (l) => m.audit_action_staff_made_admin({}, opts(l)),
	'staff.reactivated': (l) => m.audit_action_staff_reactivated({}, opts(l)),
	'staff.roles_changed': (l) => m.audit_action_staff_roles_changed({}, opts(l)),
	'team.created': (l) => m.audit_action_team_created({}, opts(l)),
	'team.member_removed': (l) => m.audit_action_team_member_removed({}, opts(l)),
	'team.member_set': (l) => m.audit_action_team_member_set({}, opts(l)),
	'trajectory.attendance_saved': (l) => m.audit_action_trajectory_attendance_saved({}, opts(l)),
	'trajectory.buddies_paired': (l) => m.audit_action_trajectory_buddies_paired({}, opts(l)),
	'trajectory.buddies_unpaired': (l) => m.audit_action_trajectory_buddies_unpaired({}, opts(l)),
	'trajectory.buddy_entry_added': (l) => m.audit_action_trajectory_buddy_entry_added({}, opts(l)),
	'trajectory.buddy_entry_shared': (l) => m.audit_action_trajectory_buddy_entry_shared({}, opts(l)),
	'trajectory.buddy_evaluated': (l) => m.audit_action_trajectory_buddy_evaluated({}, opts(l)),
	'trajectory.client_consented': (l) => m.audit_action_trajectory_client_consented({}, opts(l)),
	'trajectory.client_declined': (l) => m.audit_action_trajectory_client_declined({}, opts(l)),
	'trajectory.client_link_created': (l) => m.audit_action_trajectory_client_link_created({}, opts(l)),
	'trajectory.client_rated': (l) => m.audit_action_trajectory_client_rated({}, opts(l)),
	'trajectory.consent_changed': (l) => m.audit_action_trajectory_consent_changed({}, opts(l)),
	'trajectory.created': (l) => m.audit_action_trajectory_created({}, opts(l)),
	'trajectory.erased': (l) => m.audit_action_trajectory_erased({}, opts(l)),
	'trajectory.fhir_exported': (l) => m.audit_action_trajectory_fhir_exported({}, opts(l)),
	'trajectory.function_added': (l) => m.audit_action_trajectory_function_added({}, opts(l)),
	'trajectory.instrument_rated': (l) => m.audit_action_trajectory_instrument_rated({}, opts(l)),
	'trajectory.meeting_viewed': (l) => m.audit_action_trajectory_meeting_viewed({}, opts(l)),
	'trajectory.meetings_saved': (l) => m.audit_action_trajectory_meetings_saved({}, opts(l)),
	'trajectory.moment_answered': (l) => m.audit_action_trajectory_moment_answered({}, opts(l)),
	'trajectory.moment_instruments_set': (l) => m.audit_action_trajectory_moment_instruments_set({}, opts(l)),
	'trajectory.moment_viewed': (l) => m.audit_action_trajectory_moment_viewed({}, opts(l)),
	'trajectory.moments_saved': (l) => m.audit_action_trajectory_moments_saved({}, opts(l)),
	'trajectory.participant_added': (l) => m.audit_action_trajectory_participant_added({}, opts(l)),
	'trajectory.participant_function_set': (l) => m.audit_action_trajectory_participant_function_set({}, opts(l)),
	'trajectory.participant_viewed': (l) => m.audit_action_trajectory_participant_viewed({}, opts(l)),
	'trajectory.participant_resumed': (l) => m.audit_action_trajectory_participant_resumed({}, opts(l)),
	'trajectory.participant_stopped': (l) => m.audit_action_trajectory_participant_stopped({}, opts(l)),
	'trajectory.reminder_sent': (l) => m.audit_action_trajectory_reminder_sent({}, opts(l)),
	'trajectory.report_exported': (l) => m.audit_action_trajectory_report_exported({}, opts(l)),
	'trajectory.report_viewed': (l) => m.audit_action_trajectory_report_viewed({}, opts(l)),
	'trajectory.template_updated': (l) => m.audit_action_trajectory_template_updated({}, opts(l)),
	'trajectory.updated': (l) => m.audit_action_trajectory_updated({}, opts(l)),
	'trajectory.viewed': (l) => m.audit_action_trajectory_viewed({}, opts(l)),
	'wording.reset': (l) => m.audit_action_wording_reset({}, opts(l)),
	'wording.saved': (l) => m.audit_action_wording_saved({}, opts(l))
};

const TARGET_LABELS: Record<AuditTargetType, Label> = {
	clientCopy: (l) => m.audit_target_clientCopy({}, opts(l)),
	collaboration: (l) => m.audit_target_collaboration({}, opts(l)),
	conversation: (l) => m.audit_target_conversation({}, opts(l)),
	conversationParty: (l) => m.audit_target_conversationParty({}, opts(l)),
	deck: (l) => m.audit_target_deck({}, opts(l)),
	erasure: (l) => m.audit_target_erasure({}, opts(l)),
	erasureRequest: (l) => m.audit_target_erasureRequest({}, opts(l)),
	handover: (l) => m.audit_target_handover({}, opts(l)),
	identityProvider: (l) => m.audit_target_identityProvider({}, opts(l)),
	insights: (l) => m.audit_target_insights({}, opts(l)),
	instrument: (l) => m.audit_target_instrument({}, opts(l)),
	invitation: (l) => m.audit_target_invitation({}, opts(l)),
	organisation: (l) => m.audit_target_organisation({}, opts(l)),
	outcome: (l) => m.audit_target_outcome({}, opts(l)),
	participant: (l) => m.audit_target_participant({}, opts(l)),
	report: (l) => m.audit_target_report({}, opts(l)),
	team: (l) => m.audit_target_team({}, opts(l)),
	trajectory: (l) => m.audit_target_trajectory({}, opts(l)),
	user: (l) => m.audit_target_user({}, opts(l))
};

/** What an event did, in words; a code this version does not know (an older row) shows as itself. */
export function auditActionLabel(code: string, locale?: ClientLocale): string {
	return isAuditAction(code) ? ACTION_LABELS[code](locale) : code;
}

/** What an event was about, in words; empty when it names nothing, the code itself when unknown. */
export function auditTargetLabel(code: string | null, locale?: ClientLocale): string {
	if (code === null) return '';
	return isAuditTargetType(code) ? TARGET_LABELS[code](locale) : code;
}

/** Who did it, as the audit page and its CSV name them. */
export interface AuditActorLabels {
	actorType: string;
	actorName: string | null;
	actorFormerNumber: number | null;
}

/** Who did it, in words: a staff member by name (or "former staff member N"), anyone else by kind. */
export function auditActorLabel(event: AuditActorLabels, locale?: ClientLocale): string {
	switch (event.actorType) {
		case 'system':
			return m.audit_actor_system({}, opts(locale));
		case 'anonymous':
			return m.audit_actor_anonymous({}, opts(locale));
		case 'participant':
		case 'outcomeReader':
			return m.audit_actor_participant({}, opts(locale));
		default:
			if (event.actorFormerNumber !== null) return staffDisplayName({ name: '', formerNumber: event.actorFormerNumber }, locale);
			return event.actorName ?? m.audit_actor_unknown({}, opts(locale));
	}
}
