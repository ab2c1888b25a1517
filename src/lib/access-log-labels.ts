import { auditActionLabel } from '#lib/audit-labels.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '#lib/locales.ts';
import { staffDisplayName } from '#lib/staff-name.ts';

/** Staff pages show these in Dutch or English; the client's copy in any of the six client languages. */
type Locale = ClientLocale;

/** What an access-log entry says about who, as the admin page, its CSV and the client's copy show it. */
export interface AccessEntryLabels {
	actorType: string;
	actorName: string | null;
	actorFormerNumber: number | null;
	/** A participant's device: the participant's id, shown as a short reference. */
	actorParticipantId?: string | null;
	actorRole: string | null;
	action: string;
	targetType: string | null;
}

const opts = (locale?: Locale) => (locale ? { locale } : {});

/** The first eight characters of a participant's id: short enough to read, unique enough within an organisation's log. */
export function participantReference(participantId: string): string {
	return participantId.replaceAll('-', '').slice(0, 8);
}

/**
 * A staff member by name (or "former staff member N"); a participant's device by a short reference
 * to the participant, never a name: two participants of one collaboration are told apart (NEN 7513
 * asks who), and the log holds no client's name.
 */
export function accessActorLabel(entry: AccessEntryLabels, locale?: Locale): string {
	if (entry.actorType === 'participant' || entry.actorType === 'outcomeReader') {
		return entry.actorParticipantId
			? m.access_log_actor_participant_ref({ ref: participantReference(entry.actorParticipantId) }, opts(locale))
			: m.access_log_actor_participant({}, opts(locale));
	}
	if (entry.actorType === 'system') return m.audit_actor_system({}, opts(locale));
	if (entry.actorType !== 'staff') return m.audit_actor_unknown({}, opts(locale));
	if (entry.actorFormerNumber !== null) return staffDisplayName({ name: '', formerNumber: entry.actorFormerNumber }, locale);
	return entry.actorName ?? m.audit_actor_unknown({}, opts(locale));
}

const ROLES: Record<string, (locale?: Locale) => string> = {
	admin: (l) => m.access_log_role_admin({}, opts(l)),
	teamLead: (l) => m.access_log_role_teamLead({}, opts(l)),
	professional: (l) => m.access_log_role_professional({}, opts(l)),
	trajectoryCoordinator: (l) => m.access_log_role_trajectoryCoordinator({}, opts(l)),
	privacyOfficer: (l) => m.access_log_role_privacyOfficer({}, opts(l)),
	participant: (l) => m.access_log_role_participant({}, opts(l))
};

export function accessRoleLabel(role: string | null, locale?: Locale): string {
	return (role && ROLES[role]?.(locale)) || '—';
}

const DATA: Record<string, (locale?: Locale) => string> = {
	collaboration: (l) => m.access_log_data_collaboration({}, opts(l)),
	conversation: (l) => m.access_log_data_conversation({}, opts(l)),
	report: (l) => m.access_log_data_report({}, opts(l)),
	clientCopy: (l) => m.access_log_data_clientCopy({}, opts(l)),
	insights: (l) => m.access_log_data_insights({}, opts(l)),
	handover: (l) => m.access_log_data_handover({}, opts(l)),
	erasure: (l) => m.access_log_data_erasure({}, opts(l)),
	outcome: (l) => m.access_log_data_outcome({}, opts(l))
};

/** "Viewed: conversation", "Changed: collaboration"; another event naming the client by its label in the audit log. */
export function accessWhatLabel(entry: Pick<AccessEntryLabels, 'action' | 'targetType'>, locale?: Locale): string {
	const data = (entry.targetType && DATA[entry.targetType]?.(locale)) || entry.targetType || '';
	if (entry.action === 'access.view') return m.access_log_action_view({ data }, opts(locale));
	if (entry.action === 'access.change') return m.access_log_action_change({ data }, opts(locale));
	return auditActionLabel(entry.action, locale);
}
