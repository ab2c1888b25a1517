import { recordListAccess } from '../access/access-log.ts';
import { requireAccess, requireAccessToWrite, requireAccessToChange } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import type { Database } from '../db/schema.ts';
import { isConversationRunning } from '../participation/participation.models.ts';
import { announce } from '../shared/live.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { newId } from '../shared/tokens.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { staffDisplayName } from '#lib/staff-name.ts';
import {
	compareForList,
	dueState,
	looksLikeNationalId,
	nextDueFromRhythm,
	requireOpen,
	todayInAmsterdam,
	type DueState
} from './collaborations.models.ts';
import {
	createCollaborationsRepository,
	type CollaborationListRecord,
	type CollaborationRecord,
	type ProfessionalRole
} from './collaborations.repository.ts';
import type { CollaborationDetails, CreateCollaborationInput } from './collaborations.schemas.ts';
import { createParticipantsRepository, type Participant } from './participants.repository.ts';
import { requireOfferedLocales } from './participants.usecases.ts';

/**
 * Starting a conversation of any method (quick check, session feedback, learning conversation):
 * only the collaboration's professionals, and only while it is open.
 */
export async function requireStartableCollaboration(ctx: AppContext, actor: Actor, collaborationId: string) {
	const { staff, logAccess } = await requireAccessToChange({ db: ctx.db, actor, permission: 'conversation.start', ids: [collaborationId] });
	const collaboration = requireOpen(await createCollaborationsRepository(ctx.db).findCollaboration(staff.organisationId, collaborationId));
	// The start writes the access entry in its own transaction (`logAccess(trx)`), not a resumed one.
	return { staff, organisationId: staff.organisationId, collaboration, logAccess };
}

/**
 * Inside a start's transaction, before its first write: the collaboration read again, locked for
 * share on PostgreSQL (lockCollaboration), still open and with the actor still among its
 * professionals, and its participants as they are now (each row locked for share on PostgreSQL).
 * requireStartableCollaboration decided all this before the transaction, so a close, a handover or
 * an erasure (of the collaboration or of one participant) saved in between was missed: a
 * conversation started in a closed collaboration (links mailed to its clients), by the professional
 * who had just handed it over, or with a party of someone erased (a foreign-key error). Closed:
 * `collaboration.closed`; erased or no longer theirs: not found, as the door answers; an erased
 * participant is no longer listed. The collaboration is locked first, before any conversation, the
 * order in which closing takes its locks (its row, then each conversation), so a start and a close
 * wait for each other and never deadlock; a close, handover or erasure in flight is waited for, and
 * one that comes later waits for the start. The caller decides what no participants means.
 */
export async function lockStartableCollaboration(
	trx: Kysely<Database>,
	ctx: AppContext,
	staff: { organisationId: string; userId: string },
	collaborationId: string
): Promise<Participant[]> {
	const dialect = ctx.database.dialect;
	const repo = createCollaborationsRepository(trx);
	requireOpen(await repo.lockCollaboration(staff.organisationId, collaborationId, dialect, 'share'));
	const professionals = await repo.listProfessionals(staff.organisationId, collaborationId);
	if (!professionals.some((professional) => professional.userId === staff.userId)) throw domainError('not_found');
	return createParticipantsRepository(trx).lockParticipants(staff.organisationId, collaborationId, dialect);
}

export interface CollaborationSummary extends CollaborationListRecord {
	dueState: DueState;
}

export interface CollaborationProfessional {
	userId: string;
	name: string;
	role: ProfessionalRole;
	active: boolean;
}

export interface CollaborationOverview extends CollaborationRecord {
	dueState: DueState;
	myRole: ProfessionalRole;
	participants: Participant[];
	professionals: CollaborationProfessional[];
}

export const SUGGESTED_RHYTHM_WEEKS = 12;

const target = (collaborationId: string): AuditTarget => ({ type: 'collaboration', id: collaborationId });

/** What the new-collaboration form needs: the organisation's word for its clients, and a rhythm to suggest. */
export async function getCollaborationFormDefaults({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.create' });
	const organisation = await createOrganisationsRepository(ctx.db).findById(staff.organisationId);
	if (!organisation) throw domainError('not_found');
	// Samen Sterker suggests talking about the collaboration "every three months".
	return { clientTerm: organisation.clientTerm, rhythmWeeks: SUGGESTED_RHYTHM_WEEKS, clientLocales: organisation.clientLocales };
}

/** The creator becomes the holder. Without a date, a rhythm of N weeks plans the first one N weeks from today. */
export async function createCollaboration({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: CreateCollaborationInput }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'collaboration.create' });
	// The schema already refuses these; a usecase never trusts its caller with client identifiers.
	if (input.participants.length === 0 || looksLikeNationalId(input.label)) throw domainError('validation');
	await requireOfferedLocales(ctx.db, staff.organisationId, input.participants);
	const collaborationId = newId();
	const now = ctx.clock.now().toISOString();
	const nextDueOn = input.nextDueOn ?? nextDueFromRhythm(input.rhythmWeeks, todayInAmsterdam(ctx.clock.now()));
	await write(async (trx) => {
		const { organisationId, userId } = staff;
		await createCollaborationsRepository(trx).insertCollaboration({
			...input,
			nextDueOn,
			id: collaborationId,
			organisationId,
			createdBy: userId,
			now
		});
		await createCollaborationsRepository(trx).addProfessional({ organisationId, collaborationId, userId, role: 'holder', now });
		const participants = createParticipantsRepository(trx);
		for (const participant of input.participants) {
			await participants.insertParticipant({ ...participant, id: newId(), organisationId, collaborationId, now });
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.created',
			target: target(collaborationId),
			// The access log names the collaboration of every change (access/access-log.ts).
			collaborationId,
			role: 'professional',
			details: { participants: input.participants.length, rhythmWeeks: input.rhythmWeeks }
		});
	});
	return { collaborationId };
}

/** "My collaborations": the ones I hold or co-hold, open first and the soonest due on top. */
export async function listMyCollaborations({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<CollaborationSummary[]> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.list' });
	const rows = await createCollaborationsRepository(ctx.db).listForProfessional(staff.organisationId, staff.userId);
	const today = todayInAmsterdam(ctx.clock.now());
	const summaries = rows.map((row) => ({ ...row, dueState: dueState(row, today) })).sort(compareForList);
	await recordAudit(ctx.db, ctx.clock, { actor, action: 'collaboration.listed', details: { count: summaries.length } });
	// The list shows each client's label: a view of each listed collaboration (access log).
	await recordListAccess(
		ctx.db,
		staff,
		'collaboration.list',
		summaries.map((summary) => summary.id)
	);
	return summaries;
}

/** One collaboration with its participants and professionals; every read is audited. */
export async function getCollaboration({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}): Promise<CollaborationOverview> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const repo = createCollaborationsRepository(ctx.db);
	const collaboration = await repo.findCollaboration(staff.organisationId, collaborationId);
	if (!collaboration) throw domainError('not_found');
	const [participants, links] = await Promise.all([
		createParticipantsRepository(ctx.db).listParticipants(staff.organisationId, collaborationId),
		repo.listProfessionals(staff.organisationId, collaborationId)
	]);
	const staffRepo = createStaffRepository(ctx.db);
	const [staffList, names] = await Promise.all([
		staffRepo.listStaff(staff.organisationId),
		staffRepo.findStaffNames(
			staff.organisationId,
			links.map((link) => link.userId)
		)
	]);
	// By name (listStaff's order), holder first; a deleted account after them, by its number.
	const order = (userId: string) => {
		const index = staffList.findIndex((member) => member.userId === userId);
		return index === -1 ? staffList.length + (names.get(userId)?.formerNumber ?? 0) : index;
	};
	const professionals = links
		.map((link) => ({
			userId: link.userId,
			name: staffDisplayName(names.get(link.userId)),
			role: link.role,
			active: staffList.some((member) => member.userId === link.userId && member.status === 'active')
		}))
		.sort((a, b) => (a.role === b.role ? order(a.userId) - order(b.userId) : a.role === 'holder' ? -1 : 1));
	await recordAudit(ctx.db, ctx.clock, { actor, action: 'collaboration.viewed', target: target(collaborationId) });
	return {
		...collaboration,
		dueState: dueState(collaboration, todayInAmsterdam(ctx.clock.now())),
		myRole: links.find((link) => link.userId === staff.userId)?.role ?? 'co',
		participants,
		professionals
	};
}

/** Without a date, a rhythm of N weeks plans the next conversation N weeks from today. */
export async function updateCollaboration({
	ctx,
	actor,
	collaborationId,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	input: CollaborationDetails;
}) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	if (looksLikeNationalId(input.label)) throw domainError('validation');
	const nextDueOn = input.nextDueOn ?? nextDueFromRhythm(input.rhythmWeeks, todayInAmsterdam(ctx.clock.now()));
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createCollaborationsRepository(trx);
		requireOpen(await repo.findCollaboration(staff.organisationId, collaborationId));
		await repo.updateDetails(staff.organisationId, collaborationId, { ...input, nextDueOn }, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.updated',
			target: target(collaborationId),
			details: { rhythmWeeks: input.rhythmWeeks, nextDuePlanned: nextDueOn !== null }
		});
		await logAccess(trx);
	});
}

/**
 * Closing starts the retention clock (closed_at); nothing can change until it is reopened. It ends
 * access too (decision 011, "Closing ends the conversations"): every planned or running
 * conversation of the collaboration ends as abandoned, its join code gone, so its personal links
 * and devices are refused as for any ended conversation. Reopening starts none of them again.
 */
export async function closeCollaboration({ ctx, actor, collaborationId }: { ctx: AppContext; actor: Actor; collaborationId: string }) {
	await setCollaborationStatus({ ctx, actor, collaborationId, status: 'closed' });
}

export async function reopenCollaboration({ ctx, actor, collaborationId }: { ctx: AppContext; actor: Actor; collaborationId: string }) {
	await setCollaborationStatus({ ctx, actor, collaborationId, status: 'open' });
}

async function setCollaborationStatus({
	ctx,
	actor,
	collaborationId,
	status
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	status: 'open' | 'closed';
}) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	const ended = await ctx.db.transaction().execute(async (trx) => {
		const repo = createCollaborationsRepository(trx);
		const collaboration = await repo.findCollaboration(staff.organisationId, collaborationId);
		if (!collaboration) throw domainError('not_found');
		if (collaboration.status === status) return []; // closing twice keeps the first closed_at
		const now = ctx.clock.now().toISOString();
		await repo.setStatus(staff.organisationId, collaborationId, status, now);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: status === 'closed' ? 'collaboration.closed' : 'collaboration.reopened',
			target: target(collaborationId)
		});
		const abandoned = status === 'closed' ? await endOpenConversations(trx, ctx, actor, staff.organisationId, collaborationId, now) : [];
		await logAccess(trx);
		return abandoned;
	});
	// Devices following an ended conversation hear of it at once and leave it.
	for (const conversation of ended) await announce(ctx, conversation, 'phase.changed');
}

/** Every planned or running conversation of a collaboration being closed ends as abandoned (each locked, its version raised). */
async function endOpenConversations(
	trx: Kysely<Database>,
	ctx: AppContext,
	actor: Actor,
	organisationId: string,
	collaborationId: string,
	now: string
): Promise<{ id: string; organisationId: string; version: number }[]> {
	const conversations = createConversationsRepository(trx);
	const ended = [];
	for (const { id } of await conversations.listForCollaboration(organisationId, collaborationId)) {
		const locked = await conversations.lockForChange(organisationId, id);
		if (!locked || !isConversationRunning(locked.phase)) continue;
		await conversations.updateConversation(organisationId, id, { phase: 'abandoned', endedAt: now, joinCode: null });
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'conversation.abandoned',
			target: { type: 'conversation', id },
			details: { from: locked.phase, to: 'abandoned', collaborationClosed: true }
		});
		ended.push({ id, organisationId, version: locked.version });
	}
	return ended;
}
