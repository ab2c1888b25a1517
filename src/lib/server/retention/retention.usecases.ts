import path from 'node:path';
import type { Kysely } from 'kysely';
import { requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { oldestNightlyBackupDay } from '../backup/backup.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../shared/audit.ts';
import { removeOutboxMailsMentioning } from '../shared/outbox.ts';
import { newId } from '../shared/tokens.ts';
import {
	collaborationErasureDue,
	erasureTombstoneCutoff,
	idsIn,
	pseudonymise,
	purgeCutoffs,
	RETENTION_RULES,
	retentionCutoff,
	trajectoryErasureDue,
	type RetentionRuleKey
} from './retention.models.ts';
import { createRetentionPurgeRepository } from './retention.purge.repository.ts';
import { createRetentionRepository } from './retention.repository.ts';
import { createErasureRequestsRepository } from './retention.requests.repository.ts';

/**
 * Erasure of a collaboration or trajectory with everything that belongs to it, one transaction
 * each, used by the retention job and by an erasure on request alike
 * (docs/decisions/011-data-lifecycle.md). What stays: the insights' aggregate cells and the audit
 * events, in which every id of an erased record is replaced by a fresh pseudonym.
 */

export type ErasureReason = 'retention' | 'request';

/** How far before a record's creation the erasure still looks for audit events that name it. */
const AUDIT_CLOCK_SKEW_MARGIN_MS = 24 * 60 * 60_000;
export type ErasureOutcome = 'erased' | 'already_erased' | 'not_due';

export interface EraseOptions {
	ctx: AppContext;
	actor: Actor;
	organisationId: string;
	reason: ErasureReason;
	/** Runs inside the transaction after the deletes, before the commit: the crash tests fail here. */
	beforeCommit?: () => void | Promise<void>;
	/**
	 * An erasure on request writes the confirming person's access entry (StaffChange.logAccess) in
	 * the erasure's own transaction, before the traces are pseudonymised: so it names the erased
	 * collaboration no more than any other entry does, and one that erases nothing leaves none.
	 */
	logAccess?: (trx: Kysely<Database>) => Promise<void>;
}

/**
 * Replaces the ids in every audit event that names one of them, and removes the queued and
 * finished jobs that name them. In those events every other id goes too, except staff accounts
 * that still exist (who acted stays known): a personal link or device session purged earlier
 * left its id behind. Pseudonyms are new random ids, recorded nowhere, so a backup from before
 * the erasure cannot link the log back to the erased records.
 */
async function pseudonymiseTraces(
	trx: Kysely<Database>,
	input: EraseOptions,
	since: string,
	ids: readonly string[]
): Promise<Map<string, string>> {
	const { organisationId } = input;
	const repo = createRetentionRepository(trx, input.ctx.database.dialect);
	const pseudonyms = new Map(ids.map((id) => [id.toLowerCase(), newId()]));
	// Each instance dates its events by its own clock: one running behind may date an event about
	// the record before the record's own creation (an outside review). A margin far beyond any such
	// skew, still on the organisation-and-time index.
	const from = new Date(new Date(since).getTime() - AUDIT_CLOCK_SKEW_MARGIN_MS).toISOString();
	const rows = await repo.findAuditEventsNaming(organisationId, from, ids);
	const named = new Set(
		rows.flatMap((row) => [row.actorId, row.sessionId, row.targetId, row.details, row.collaborationId].flatMap((v) => idsIn(v)))
	);
	const kept = await repo.findExistingUserIds([...named].filter((id) => !pseudonyms.has(id)));
	for (const id of named) if (!pseudonyms.has(id) && !kept.has(id) && id !== organisationId) pseudonyms.set(id, newId());
	const permit = newId();
	await repo.grantAuditPermit(permit);
	for (const row of rows) {
		await repo.updateAuditEvent({
			id: row.id,
			actorId: pseudonymise(row.actorId, pseudonyms),
			sessionId: pseudonymise(row.sessionId, pseudonyms),
			targetId: pseudonymise(row.targetId, pseudonyms),
			details: pseudonymise(row.details, pseudonyms),
			collaborationId: pseudonymise(row.collaborationId, pseudonyms)
		});
	}
	await repo.revokeAuditPermit(permit);
	await repo.deleteJobsNaming(organisationId, ids);
	const decidedBy = input.actor.type === 'staff' ? input.actor.userId : null;
	await createErasureRequestsRepository(trx).closeRequestsNaming(
		organisationId,
		pseudonyms,
		decidedBy,
		input.ctx.clock.now().toISOString()
	);
	return pseudonyms;
}

/**
 * Erases one collaboration now, all or nothing. For retention it must still be closed and past
 * the period when the transaction has it locked (it may have been reopened since it was listed).
 * Erasing what is already gone answers 'already_erased' and changes nothing. After the commit,
 * outbox mails that mention its label, names or addresses, or are about it or its participants, are removed.
 */
export async function eraseCollaboration(input: EraseOptions & { collaborationId: string }): Promise<ErasureOutcome> {
	const { ctx, organisationId, collaborationId } = input;
	const traces: string[] = [];
	const outcome = await ctx.db.transaction().execute(async (trx): Promise<ErasureOutcome> => {
		const repo = createRetentionRepository(trx, ctx.database.dialect);
		const collaboration = await repo.lockCollaboration(organisationId, collaborationId);
		if (!collaboration) return 'already_erased';
		await input.logAccess?.(trx);
		if (input.reason === 'retention') {
			const retentionDays = await repo.findRetentionDays(organisationId);
			const due = collaboration.closedAt && retentionDays !== undefined && collaborationErasureDue(collaboration.closedAt, retentionDays);
			if (collaboration.status !== 'closed' || !due || due > ctx.clock.now()) return 'not_due';
		}
		traces.push(...(await repo.findCollaborationTraces(organisationId, collaborationId)));
		const ids = await repo.collectCollaborationIds(organisationId, collaborationId);
		const pseudonyms = await pseudonymiseTraces(trx, input, collaboration.createdAt, ids);
		await repo.deleteCollaboration(organisationId, collaborationId);
		await recordTombstone(trx, input, 'collaboration', collaborationId);
		await recordErasure(trx, input, { type: 'collaboration', id: pseudonyms.get(collaborationId.toLowerCase())! }, ids.length);
		await input.beforeCommit?.();
		return 'erased';
	});
	if (outcome === 'erased') await afterErasure(ctx, traces);
	return outcome;
}

/** Erases one participant of a collaboration (erasure on request): the same steps as a collaboration's, for their part only. */
export async function eraseParticipant(input: EraseOptions & { participantId: string }): Promise<ErasureOutcome> {
	const { ctx, organisationId, participantId } = input;
	const traces: string[] = [];
	const outcome = await ctx.db.transaction().execute(async (trx): Promise<ErasureOutcome> => {
		const repo = createRetentionRepository(trx, ctx.database.dialect);
		const participant = await repo.lockParticipant(organisationId, participantId);
		if (!participant) return 'already_erased';
		await input.logAccess?.(trx);
		// By id too: a mail sent before a name or address changed still carries it (MailMessage.about).
		traces.push(...[participant.id, participant.displayName, participant.email].filter((t): t is string => !!t));
		const ids = await repo.collectParticipantIds(organisationId, participantId);
		const pseudonyms = await pseudonymiseTraces(trx, input, participant.createdAt, ids);
		await repo.deleteParticipant(organisationId, participantId);
		await recordTombstone(trx, input, 'participant', participantId);
		await recordErasure(trx, input, { type: 'participant', id: pseudonyms.get(participantId.toLowerCase())! }, ids.length);
		await input.beforeCommit?.();
		return 'erased';
	});
	if (outcome === 'erased') await afterErasure(ctx, traces);
	return outcome;
}

/**
 * After an erasure's commit: outbox mails that mention it go, and on SQLite the WAL is written into
 * the database file and emptied (a TRUNCATE checkpoint). `secure_delete` overwrites the erased rows
 * in the database file as the checkpoint writes the pages; until then the WAL still held the pages
 * as they were before, erased text included, for anyone with the files (an outside review,
 * 2026-12-06, found names and addresses there after an erasure).
 */
async function afterErasure(ctx: AppContext, traces: readonly string[]): Promise<void> {
	if (traces.length > 0) await removeOutboxMailsMentioning(path.join(ctx.config.dataDir, 'outbox'), traces);
	await createRetentionRepository(ctx.db, ctx.database.dialect).emptyWriteAheadLog();
}

/** Erases one trajectory with its participants' answers, logs, invitations and guest accounts. */
export async function eraseTrajectory(input: EraseOptions & { trajectoryId: string }): Promise<ErasureOutcome> {
	const { ctx, organisationId, trajectoryId } = input;
	const outcome = await ctx.db.transaction().execute(async (trx): Promise<ErasureOutcome> => {
		const repo = createRetentionRepository(trx, ctx.database.dialect);
		const trajectory = await repo.lockTrajectory(organisationId, trajectoryId);
		if (!trajectory) return 'already_erased';
		if (input.reason === 'retention') {
			const retentionDays = await repo.findRetentionDays(organisationId);
			const lastDay = (await repo.listTrajectoryLastDays(organisationId)).find((t) => t.id === trajectoryId)?.lastDay;
			if (!lastDay || retentionDays === undefined || trajectoryErasureDue(lastDay, retentionDays) > ctx.clock.now()) return 'not_due';
		}
		const { ids, invitationIds, guestUserIds } = await repo.collectTrajectory(organisationId, trajectoryId);
		const all = [...ids, ...invitationIds, ...guestUserIds];
		const pseudonyms = await pseudonymiseTraces(trx, input, trajectory.createdAt, all);
		await repo.deleteTrajectory(organisationId, trajectoryId, invitationIds, guestUserIds);
		await recordErasure(trx, input, { type: 'trajectory', id: pseudonyms.get(trajectoryId.toLowerCase())! }, all.length);
		await input.beforeCommit?.();
		return 'erased';
	});
	if (outcome === 'erased') await afterErasure(ctx, []);
	return outcome;
}

/**
 * An erasure on request leaves a tombstone with the real id, in its own transaction, so restoring
 * a backup made before it erases it again (decision 011). Retention needs none: after a restore
 * the sweep erases the same records again by its own rule (closed, and past the period).
 */
async function recordTombstone(
	trx: Kysely<Database>,
	input: EraseOptions,
	targetType: 'collaboration' | 'participant',
	targetId: string
): Promise<void> {
	if (input.reason !== 'request') return;
	await createErasureRequestsRepository(trx).recordTombstone({
		organisationId: input.organisationId,
		targetType,
		targetId,
		erasedAt: input.ctx.clock.now().toISOString()
	});
}

async function recordErasure(
	trx: Kysely<Database>,
	input: EraseOptions,
	target: { type: 'collaboration' | 'participant' | 'trajectory'; id: string },
	records: number
) {
	await recordAudit(trx, input.ctx.clock, {
		actor: input.actor,
		organisationId: input.organisationId,
		action: `${target.type}.erased`,
		target,
		details: { reason: input.reason, records }
	});
}

/** What one run erased and purged, counted per rule (RETENTION_RULES): every rule is reported. */
export type SweepResult = Record<RetentionRuleKey, number>;

/**
 * One retention run over every organisation: each due collaboration and trajectory in its own
 * transaction, then expired tokens. Stopping (or crashing) between two erasures leaves every
 * record either fully erased or untouched; the next run continues with what is left.
 */
export async function runRetentionSweep(input: {
	ctx: AppContext;
	actor: Actor;
	signal?: AbortSignal;
	batchSize?: number;
	/** Told after each erasure has committed. */
	onErased?: (target: { type: 'collaboration' | 'trajectory' }) => void;
}): Promise<SweepResult> {
	const { ctx, actor, signal } = input;
	const batchSize = input.batchSize ?? 100;
	const repo = createRetentionRepository(ctx.db, ctx.database.dialect);
	const result = { collaborations: 0, trajectories: 0 };
	const now = ctx.clock.now();
	const organisations = await repo.listOrganisations();
	for (const organisation of organisations) {
		const base = { ctx, actor, organisationId: organisation.id, reason: 'retention' as const };
		const closedBefore = retentionCutoff(now, organisation.retentionDays);
		for (;;) {
			const due = await repo.listClosedCollaborations(organisation.id, { closedBefore, limit: batchSize });
			for (const { id } of due) {
				signal?.throwIfAborted();
				if ((await eraseCollaboration({ ...base, collaborationId: id })) !== 'erased') continue;
				result.collaborations += 1;
				input.onErased?.({ type: 'collaboration' });
			}
			if (due.length < batchSize) break;
		}
		for (const trajectory of await repo.listTrajectoryLastDays(organisation.id)) {
			if (!trajectory.lastDay || trajectoryErasureDue(trajectory.lastDay, organisation.retentionDays) > now) continue;
			signal?.throwIfAborted();
			if ((await eraseTrajectory({ ...base, trajectoryId: trajectory.id })) !== 'erased') continue;
			result.trajectories += 1;
			input.onErased?.({ type: 'trajectory' });
		}
	}
	signal?.throwIfAborted();
	const purge = createRetentionPurgeRepository(ctx.db);
	const purged = await purge.purgeExpired(purgeCutoffs(now));
	// A tombstone goes once no backup from before its erasure may still be restored (decision 011):
	// the organisation's retention period and a margin, and never before the oldest nightly backup.
	const oldestBackupDay = oldestNightlyBackupDay(path.join(ctx.config.dataDir, 'backups'));
	let erasureTombstones = 0;
	for (const organisation of organisations) {
		const before = erasureTombstoneCutoff(now, organisation.retentionDays, oldestBackupDay);
		erasureTombstones += await purge.purgeErasureTombstones(organisation.id, before);
	}
	return { ...result, ...purged, erasureTombstones };
}

export interface RetentionPreview {
	retentionDays: number;
	/** Closed collaborations by the (UTC) day they will be erased, soonest first; today for what is overdue (the next run). */
	collaborations: { erasesOn: string; count: number }[];
	trajectories: { erasesOn: string; count: number }[];
	/** Open collaborations: not erased while open. */
	openCollaborations: number;
	/** How long personal links and invitations stay after they expired. */
	tokenGraceDays: number;
	/** How long the tombstone of an erasure on request stays: the retention period plus the margin for backups. */
	erasureTombstoneDays: number;
}

/** The dry run for admins: what the retention job will erase, and when. Counts and dates only. */
export async function getRetentionPreview({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<RetentionPreview> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'retention.view' });
	const repo = createRetentionRepository(ctx.db, ctx.database.dialect);
	const retentionDays = (await repo.findRetentionDays(staff.organisationId))!;
	const now = ctx.clock.now();
	// The day in the Netherlands, as every date the admin reads.
	const day = (date: Date) => todayInAmsterdam(date < now ? now : date);
	const closed = await repo.listClosedCollaborations(staff.organisationId, { limit: 100_000 });
	const trajectories = await repo.listTrajectoryLastDays(staff.organisationId);
	return {
		retentionDays,
		collaborations: countByDay(closed.map((c) => day(collaborationErasureDue(c.closedAt, retentionDays)))),
		trajectories: countByDay(trajectories.flatMap((t) => (t.lastDay ? [day(trajectoryErasureDue(t.lastDay, retentionDays))] : []))),
		openCollaborations: await repo.countOpenCollaborations(staff.organisationId),
		tokenGraceDays: RETENTION_RULES.links.days,
		erasureTombstoneDays: retentionDays + RETENTION_RULES.erasureTombstones.plusDays
	};
}

function countByDay(days: string[]): { erasesOn: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
	return [...counts].toSorted(([a], [b]) => (a < b ? -1 : 1)).map(([erasesOn, count]) => ({ erasesOn, count }));
}
