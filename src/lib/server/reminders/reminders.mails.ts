import { formatCalendarDate } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import { staffDisplayName } from '#lib/staff-name.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import type { AppContext } from '../context.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import type { ClientLocale } from '../db/schema.ts';
import type { AuditTarget } from '../shared/audit.ts';
import { renderMailHtml, type MailMessage } from '../shared/mail.ts';
import { PermanentJobError } from '../shared/jobs.ts';
import { dueReminderSkipReason, type SkipReason } from './reminders.policy.ts';
import type { MailParams } from './reminders.schemas.ts';

/** The person a mail job is for, as found when it runs. */
export interface MailRecipient {
	type: 'staff' | 'participant';
	/** The user id (staff) or participant id. */
	id: string;
	email: string;
	locale: ClientLocale;
}

export interface MailContent {
	subject: string;
	/** Paragraphs before the link. */
	paragraphs: string[];
	link?: { href: string; label: string };
	/** Paragraphs after the link, e.g. how long it works. */
	after?: string[];
	/** What the audit row points at; the recipient when left out. */
	auditTarget?: AuditTarget;
}

export interface MailTemplateInput {
	ctx: AppContext;
	organisationId: string;
	recipient: MailRecipient;
	params: MailParams;
	/** The recipient's language. */
	locale: ClientLocale;
}

/** Writes one mail when its job runs, or says why it should not go out any more. */
export type MailTemplate = (input: MailTemplateInput) => Promise<MailContent | { skip: SkipReason | string }>;

/** A required string parameter; a job without it can never succeed. */
export function stringParam(params: MailParams, name: string): string {
	const value = params[name];
	if (typeof value !== 'string') throw new PermanentJobError('invalid_payload');
	return value;
}

/** "Time to plan the next conversation" for a professional of the collaboration. */
export const collaborationDueMail: MailTemplate = async ({ ctx, organisationId, recipient, params, locale }) => {
	const collaborationId = stringParam(params, 'collaborationId');
	const dueOn = stringParam(params, 'dueOn');
	const repo = createCollaborationsRepository(ctx.db);
	const collaboration = await repo.findCollaboration(organisationId, collaborationId);
	const professionals = collaboration ? await repo.listProfessionals(organisationId, collaborationId) : [];
	const isProfessional = recipient.type === 'staff' && professionals.some((p) => p.userId === recipient.id);
	const skip = dueReminderSkipReason(collaboration, { dueOn, isProfessional });
	if (skip || !collaboration) return { skip: skip ?? 'collaboration_gone' };
	// The label is a pseudonym (initials, a nickname); nothing else about the client goes in a mail.
	return {
		subject: m.reminders_due_subject({}, { locale }),
		paragraphs: [
			m.reminders_due_intro({ label: collaboration.label, date: formatCalendarDate(dueOn, locale) }, { locale }),
			m.reminders_due_plan({}, { locale })
		],
		link: { href: `${ctx.publicOrigin}/collaborations/${collaborationId}`, label: m.reminders_due_action({}, { locale }) },
		after: [m.reminders_due_why({}, { locale })],
		auditTarget: { type: 'collaboration', id: collaborationId }
	};
};

/** A collaboration was handed over: to the new holder (`received`) and the old one (`handed_over`). */
function handoverMail(kind: 'received' | 'handed_over'): MailTemplate {
	return async ({ ctx, organisationId, params, locale }) => {
		const collaborationId = stringParam(params, 'collaborationId');
		const handoverId = stringParam(params, 'handoverId');
		const handover = await ctx.db
			.selectFrom('collaborationHandovers as h')
			.innerJoin('collaborations as c', (join) =>
				join.onRef('c.organisationId', '=', 'h.organisationId').onRef('c.id', '=', 'h.collaborationId')
			)
			.select(['c.label', 'h.note', 'h.fromUserId', 'h.toUserId'])
			.where('h.organisationId', '=', organisationId)
			.where('h.collaborationId', '=', collaborationId)
			.where('h.id', '=', handoverId)
			.executeTakeFirst();
		if (!handover) return { skip: 'collaboration_gone' };
		const ids = [handover.fromUserId, handover.toUserId].filter((id): id is string => id !== null);
		const names = await createStaffRepository(ctx.db).findStaffNames(organisationId, ids);
		const nameOf = (id: string | null) => (id ? staffDisplayName(names.get(id), locale) : '');
		if (kind === 'handed_over') {
			return {
				subject: m.handover_mail_away_subject({}, { locale }),
				paragraphs: [m.handover_mail_away_intro({ label: handover.label, name: nameOf(handover.toUserId) }, { locale })],
				auditTarget: { type: 'collaboration', id: collaborationId }
			};
		}
		// The note is read when the mail is sent: it never waits in the queue (reminders.schemas.ts).
		return {
			subject: m.handover_mail_received_subject({}, { locale }),
			paragraphs: [
				m.handover_mail_received_intro({ label: handover.label, name: nameOf(handover.fromUserId) }, { locale }),
				...(handover.note ? [m.handover_mail_received_note({}, { locale })] : [])
			],
			link: { href: `${ctx.publicOrigin}/collaborations/${collaborationId}`, label: m.reminders_due_action({}, { locale }) },
			auditTarget: { type: 'collaboration', id: collaborationId }
		};
	};
}

/**
 * Every mail a 'mail' job can send, by name. A feature adds its mail here (for instance the
 * preparation link for participants) and enqueues it with enqueueStaffMail or
 * enqueueParticipantMail (reminders.usecases.ts).
 */
export const mailTemplates = {
	'collaboration.due': collaborationDueMail,
	'collaboration.received': handoverMail('received'),
	'collaboration.handed_over': handoverMail('handed_over')
} satisfies Record<string, MailTemplate>;

export type MailTemplateName = keyof typeof mailTemplates;

/** Plain text and HTML with the same words; text people typed is escaped in the HTML part. */
export function composeMail(to: string, locale: ClientLocale, content: MailContent): MailMessage {
	const after = content.after ?? [];
	const textBlocks = [...content.paragraphs, ...(content.link ? [`${content.link.label}: ${content.link.href}`] : []), ...after];
	return {
		to,
		subject: content.subject,
		text: `${textBlocks.join('\n\n')}\n`,
		html: renderMailHtml(locale, content.paragraphs, content.link, after)
	};
}
