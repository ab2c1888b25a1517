import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { systemActor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { enqueueJob, PermanentJobError, type JobHandler } from '../shared/jobs.ts';
import type { Schedule } from '../shared/jobs.runner.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { inOrganisationWording } from '../wording/wording.usecases.ts';
import { composeMail, mailTemplates, type MailRecipient, type MailTemplate, type MailTemplateName } from './reminders.mails.ts';
import { collaborationDueKey, dueReminderWindow } from './reminders.models.ts';
import { participantRecipientSkipReason, staffRecipientSkipReason, type SkipReason } from './reminders.policy.ts';
import { mailJobPayloadSchema, type MailJobPayload, type MailParams } from './reminders.schemas.ts';

/**
 * Mails sent by the job runner: the "conversation due" reminder for professionals, and the
 * generic mail job other features use (e.g. the preparation link for participants). A mail job
 * names its recipient and template by ids; the mail is written when it is sent, in the
 * recipient's language at that moment, and skipped when it no longer applies.
 */

export const MAIL_JOB_KIND = 'mail';

interface EnqueueMailBase {
	ctx: AppContext;
	/** The calling usecase's transaction: the mail is queued only if it commits. */
	db?: Kysely<Database>;
	organisationId: string;
	template: MailTemplateName;
	/** Ids, dates and codes the template needs (see reminders.schemas.ts: no free text). */
	params?: MailParams;
	/** Unique for this mail within its template, e.g. `${conversationId}:${participantId}`: it is queued once. */
	dedupeKey: string;
	/** Not before this moment; now when left out. */
	runAt?: Date;
}

/** Queues a mail to a staff member of the organisation; false when this dedupe key was queued before. */
export async function enqueueStaffMail(input: EnqueueMailBase & { userId: string }): Promise<boolean> {
	return enqueueMail(input, { type: 'staff', userId: input.userId });
}

/**
 * Queues a mail to a participant of a collaboration. It goes out only if, when the job runs, the
 * participant still takes part, has an e-mail address and the collaboration is open; false when
 * this dedupe key was queued before.
 */
export async function enqueueParticipantMail(
	input: EnqueueMailBase & { collaborationId: string; participantId: string }
): Promise<boolean> {
	return enqueueMail(input, { type: 'participant', collaborationId: input.collaborationId, participantId: input.participantId });
}

async function enqueueMail(input: EnqueueMailBase, recipient: MailJobPayload['recipient']): Promise<boolean> {
	// Refuses at once what must never wait in the queue: free text among the parameters.
	const payload = v.parse(mailJobPayloadSchema, {
		template: input.template,
		organisationId: input.organisationId,
		recipient,
		params: input.params ?? {}
	});
	return enqueueJob({
		ctx: input.ctx,
		db: input.db,
		kind: MAIL_JOB_KIND,
		payload,
		dedupeKey: `${MAIL_JOB_KIND}:${input.template}:${input.dedupeKey}`,
		organisationId: input.organisationId,
		runAt: input.runAt
	});
}

/**
 * The scheduler's tick: queues the "conversation due" reminder for every active professional of
 * every open collaboration whose date is within the reminder window. Safe to run often and on
 * every instance at once: each reminder has its dedupe key. Returns how many it queued.
 */
export async function scheduleDueReminders({ ctx }: { ctx: AppContext }): Promise<number> {
	const { from, to } = dueReminderWindow(todayInAmsterdam(ctx.clock.now()));
	const collaborations = createCollaborationsRepository(ctx.db);
	const staff = createStaffRepository(ctx.db);
	const activeByOrganisation = new Map<string, Set<string>>();
	let queued = 0;
	for (const due of await collaborations.listOpenDueBetween(from, to)) {
		const { organisationId } = due;
		let active = activeByOrganisation.get(organisationId);
		if (!active) {
			const members = await staff.listStaff(organisationId);
			active = new Set(members.filter((member) => member.status === 'active').map((member) => member.userId));
			activeByOrganisation.set(organisationId, active);
		}
		for (const { userId } of await collaborations.listProfessionals(organisationId, due.id)) {
			if (!active.has(userId)) continue;
			const added = await enqueueStaffMail({
				ctx,
				organisationId,
				userId,
				template: 'collaboration.due',
				params: { collaborationId: due.id, dueOn: due.nextDueOn },
				dedupeKey: collaborationDueKey({ collaborationId: due.id, dueOn: due.nextDueOn, userId })
			});
			if (added) queued += 1;
		}
	}
	return queued;
}

/** Every quarter of an hour; reminders are by date, so that is prompt enough, and cheap. */
export const dueRemindersSchedule: Schedule = {
	name: 'reminders.due',
	everyMs: 15 * 60_000,
	run: (ctx) => scheduleDueReminders({ ctx })
};

async function findRecipient(ctx: AppContext, payload: MailJobPayload): Promise<MailRecipient | { skip: SkipReason }> {
	const { organisationId, recipient } = payload;
	if (recipient.type === 'staff') {
		const member = await createStaffRepository(ctx.db).findStaffMember(organisationId, recipient.userId);
		const skip = staffRecipientSkipReason(member);
		if (skip || !member) return { skip: skip ?? 'recipient_gone' };
		return { type: 'staff', id: member.userId, email: member.email, locale: member.locale };
	}
	const [participants, collaboration] = await Promise.all([
		createParticipantsRepository(ctx.db).listParticipants(organisationId, recipient.collaborationId, { includeRemoved: true }),
		createCollaborationsRepository(ctx.db).findCollaboration(organisationId, recipient.collaborationId)
	]);
	const participant = participants.find((p) => p.id === recipient.participantId);
	const skip = participantRecipientSkipReason(participant, collaboration);
	if (skip || !participant?.email) return { skip: skip ?? 'no_email' };
	return { type: 'participant', id: participant.id, email: participant.email, locale: participant.locale };
}

/**
 * The handler of 'mail' jobs. Runs at least once: a retry after a crash between sending and
 * recording may send the same mail twice, never a different one (docs/decisions/005-job-runner.md).
 */
export function createMailJobHandler(templates: Record<string, MailTemplate> = mailTemplates): JobHandler {
	return async ({ ctx, job }) => {
		const parsed = v.safeParse(mailJobPayloadSchema, job.payload);
		if (!parsed.success) throw new PermanentJobError('invalid_payload');
		const payload = parsed.output;
		const template = templates[payload.template];
		if (!template) throw new PermanentJobError('unknown_template');
		const skipped = (reason: string) =>
			ctx.logger.info(
				{ event: 'mail.skipped', jobId: job.id, template: payload.template, recipientType: payload.recipient.type, reason },
				'mail no longer applies'
			);
		const recipient = await findRecipient(ctx, payload);
		if ('skip' in recipient) return skipped(recipient.skip);
		// A participant reads the mail in their language with their organisation's own wording, as its pages.
		const write = async () => {
			const content = await template({
				ctx,
				organisationId: payload.organisationId,
				recipient,
				params: payload.params,
				locale: recipient.locale
			});
			return 'skip' in content ? content : { content, mail: composeMail(recipient.email, recipient.locale, content) };
		};
		const written = recipient.type === 'participant' ? await inOrganisationWording(ctx, payload.organisationId, write) : await write();
		if ('skip' in written) return skipped(written.skip);
		const { content } = written;
		const about = [recipient.type === 'participant' ? recipient.id : null, content.auditTarget?.id ?? null].filter(
			(id): id is string => id !== null
		);
		await ctx.mailer.send({ ...written.mail, about });
		await recordAudit(ctx.db, ctx.clock, {
			actor: systemActor,
			organisationId: payload.organisationId,
			action: 'mail.sent',
			target: content.auditTarget ?? { type: recipient.type === 'staff' ? 'user' : 'participant', id: recipient.id },
			details: { template: payload.template, recipient: recipient.type, jobId: job.id }
		});
	};
}
