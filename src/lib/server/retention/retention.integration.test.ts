import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { jobHandlers, jobSchedules } from '../background.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { reopenCollaboration } from '../collaborations/collaborations.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { createJobRunner } from '../shared/jobs.runner.ts';
import { newId } from '../shared/tokens.ts';
import { requestPasswordReset } from '../auth/auth.usecases.ts';

/** A reset request and then its mail (the answer does not wait for it). */
const requestReset = async (input: Parameters<typeof requestPasswordReset>[0]) => (await requestPasswordReset(input)).sent;
import { inviteStaff } from '../invitations/invitations.usecases.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { buildErasableCollaboration, tablesContaining } from '../testing/erasure-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { RETENTION_SWEEP_KIND, retentionSchedule } from './retention.jobs.ts';
import { eraseCollaboration, getRetentionPreview, runRetentionSweep } from './retention.usecases.ts';

const DAY = 86_400_000;
const RETENTION_DAYS = 365;

describeOnBothDatabases('retention', (dialect) => {
	const t = useTestContext(dialect);

	/**
	 * One schedule tick and one runner pass on an instance of its own. Tests share a database and
	 * their clocks meet in the same hour, so earlier tests' finished sweeps (which hold the hour's
	 * dedupe key) are forgotten first, as the job purge does in time.
	 */
	async function runInstance(owner: string, options: { forget?: boolean } = {}): Promise<number> {
		if (options.forget !== false)
			await t.ctx.db.deleteFrom('jobs').where('kind', '=', RETENTION_SWEEP_KIND).where('status', '=', 'done').execute();
		await retentionSchedule.run(t.ctx);
		return createJobRunner(t.ctx, { handlers: jobHandlers, pollIntervalMs: 50, leaseMs: 60_000, owner }).runDueJobs();
	}

	async function auditActions(organisationId: string): Promise<string[]> {
		const rows = await t.ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('organisationId', '=', organisationId)
			.orderBy('occurredAt')
			// Events of one instant have no order of their own; pseudonymising rewrites rows, so name one.
			.orderBy('action')
			.execute();
		return rows.map((row) => row.action);
	}

	it('is registered with the job runner', () => {
		expect(jobSchedules).toContain(retentionSchedule);
		expect(jobHandlers[RETENTION_SWEEP_KIND]).toBeTypeOf('function');
	});

	it('a closed collaboration is erased with everything in it once the retention period has passed; its audit events stay, pseudonymised', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		const organisationId = world.professional.organisationId;
		const actionsBefore = await auditActions(organisationId);
		expect(await tablesContaining(t.ctx, [...world.ids, ...world.texts, world.email])).not.toEqual([]);

		// A day before the period ends: nothing happens.
		t.ctx.clock.advance((RETENTION_DAYS - 1) * DAY);
		await runInstance('a');
		expect(await tablesContaining(t.ctx, [world.collaborationId])).not.toEqual([]);

		t.ctx.clock.advance(2 * DAY);
		await runInstance('a');
		// No table holds any id of it, its label, names, typed text or the participant's address.
		expect(await tablesContaining(t.ctx, [...world.ids, ...world.texts, world.email])).toEqual([]);
		// Every audit event is kept (now naming pseudonyms), plus one for the erasure.
		expect(await auditActions(organisationId)).toEqual([...actionsBefore, 'collaboration.erased']);
		const erased = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'collaboration.erased')
			.where('organisationId', '=', organisationId)
			.execute();
		expect(erased).toHaveLength(1);
		expect(erased[0]).toMatchObject({ actorType: 'system', targetType: 'collaboration' });
		expect(JSON.parse(erased[0]!.details!)).toMatchObject({ reason: 'retention' });
		// The erasure's pseudonym is the one the collaboration's earlier events now carry.
		const sameTarget = await t.ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('targetId', '=', erased[0]!.targetId)
			.where('action', 'not like', 'access.%')
			.orderBy('occurredAt')
			.execute();
		expect(sameTarget.map((row) => row.action)).toEqual(['collaboration.closed', 'collaboration.erased']);
		// The access log's entries about the collaboration carry the same pseudonym, not its id.
		const accessed = await t.ctx.db.selectFrom('auditEvents').select('collaborationId').where('action', 'like', 'access.%').execute();
		expect(accessed.length).toBeGreaterThan(0);
		expect(accessed.every((row) => row.collaborationId === erased[0]!.targetId)).toBe(true);
	});

	it('an event another instance wrote with its clock a little behind, just before the collaboration was created, is pseudonymised too', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		const organisationId = world.professional.organisationId;
		const { createdAt } = await t.ctx.db
			.selectFrom('collaborations')
			.select('createdAt')
			.where('id', '=', world.collaborationId)
			.executeTakeFirstOrThrow();
		// Several instances (PostgreSQL) each read their own clock: the page after "create" is served
		// by one that runs two seconds behind, so its access entry is dated before the creation.
		const behind = { now: () => new Date(new Date(createdAt).getTime() - 2000) };
		await recordAudit(t.ctx.db, behind, {
			actor: world.professional,
			action: 'access.view',
			target: { type: 'collaboration', id: world.collaborationId },
			collaborationId: world.collaborationId,
			role: 'professional',
			details: { permission: 'collaboration.view' }
		});
		await eraseCollaboration({ ctx: t.ctx, actor: systemActor, organisationId, reason: 'request', collaborationId: world.collaborationId });
		const naming = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'occurredAt'])
			.where('organisationId', '=', organisationId)
			.where((eb) => eb.or([eb('targetId', '=', world.collaborationId), eb('collaborationId', '=', world.collaborationId)]))
			.execute();
		expect(naming).toEqual([]);
	});

	it('an open collaboration, one closed within the period and one reopened are kept', async () => {
		const kept = await buildErasableCollaboration(t.ctx, { close: false });
		const reopened = await buildErasableCollaboration(t.ctx, { professional: kept.professional });
		t.ctx.clock.advance((RETENTION_DAYS - 10) * DAY);
		const recent = await buildErasableCollaboration(t.ctx, { professional: kept.professional });
		await reopenCollaboration({ ctx: t.ctx, actor: kept.professional, collaborationId: reopened.collaborationId });
		t.ctx.clock.advance(20 * DAY);
		await runInstance('a');
		for (const world of [kept, reopened, recent]) {
			expect(await tablesContaining(t.ctx, [world.texts[0]!])).toEqual(['collaborations: ' + world.texts[0]]);
		}
	});

	it('a crash inside an erasure leaves the collaboration whole; the next run erases it completely', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		t.ctx.clock.advance((RETENTION_DAYS + 1) * DAY);
		const before = await tablesContaining(t.ctx, [...world.ids, ...world.texts]);
		const crash = eraseCollaboration({
			ctx: t.ctx,
			actor: systemActor,
			organisationId: world.professional.organisationId,
			collaborationId: world.collaborationId,
			reason: 'retention',
			beforeCommit: () => {
				throw new Error('power cut');
			}
		});
		await expect(crash).rejects.toThrow('power cut');
		expect(await tablesContaining(t.ctx, [...world.ids, ...world.texts])).toEqual(before);
		await runInstance('b');
		expect(await tablesContaining(t.ctx, [...world.ids, ...world.texts])).toEqual([]);
	});

	it('a run stopped between two erasures leaves one erased and the other untouched; the next run finishes', async () => {
		const first = await buildErasableCollaboration(t.ctx);
		const second = await buildErasableCollaboration(t.ctx, { professional: first.professional });
		t.ctx.clock.advance((RETENTION_DAYS + 1) * DAY);
		const secondBefore = await tablesContaining(t.ctx, [...second.ids, ...second.texts]);
		const controller = new AbortController();
		const stopped = runRetentionSweep({
			ctx: t.ctx,
			actor: systemActor,
			signal: controller.signal,
			batchSize: 1,
			onErased: () => controller.abort()
		});
		await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
		const [erased, untouched] = (await tablesContaining(t.ctx, [first.collaborationId])).length === 0 ? [first, second] : [second, first];
		expect(await tablesContaining(t.ctx, [...erased.ids, ...erased.texts])).toEqual([]);
		expect(await tablesContaining(t.ctx, [...untouched.ids, ...untouched.texts])).toEqual(
			untouched === second ? secondBefore : expect.any(Array)
		);
		expect(await tablesContaining(t.ctx, untouched.texts)).toHaveLength(4);
		await runInstance('c');
		expect(await tablesContaining(t.ctx, [...untouched.ids, ...untouched.texts])).toEqual([]);
	});

	it('several instances erase a collaboration exactly once', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		t.ctx.clock.advance((RETENTION_DAYS + 1) * DAY);
		await t.ctx.db.deleteFrom('jobs').where('kind', '=', RETENTION_SWEEP_KIND).execute();
		await Promise.all(['one', 'two', 'three'].map((owner) => runInstance(owner, { forget: false })));
		const erasures = await t.ctx.db
			.selectFrom('auditEvents')
			.select('id')
			.where('organisationId', '=', world.professional.organisationId)
			.where('action', '=', 'collaboration.erased')
			.execute();
		expect(erasures).toHaveLength(1);
		const sweeps = await t.ctx.db.selectFrom('jobs').select('status').where('kind', '=', RETENTION_SWEEP_KIND).execute();
		expect(sweeps.every((job) => job.status === 'done')).toBe(true);
		expect(await tablesContaining(t.ctx, world.texts)).toEqual([]);
	});

	it('erasing what is already erased changes nothing and says so', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		t.ctx.clock.advance((RETENTION_DAYS + 1) * DAY);
		const input = {
			ctx: t.ctx,
			actor: systemActor,
			organisationId: world.professional.organisationId,
			collaborationId: world.collaborationId,
			reason: 'retention' as const
		};
		await expect(eraseCollaboration(input)).resolves.toBe('erased');
		const actions = await auditActions(world.professional.organisationId);
		await expect(eraseCollaboration(input)).resolves.toBe('already_erased');
		expect(await auditActions(world.professional.organisationId)).toEqual(actions);
	});

	it('a trajectory is erased with its participants, answers and guest invitations after its last day plus the retention period', async () => {
		const trajectory = await buildTrajectory(t.ctx, { moments: [[0, 7]], participants: 1 });
		const organisationId = trajectory.coordinator.organisationId;
		const ids = [trajectory.trajectoryId, ...trajectory.momentIds, ...trajectory.participants.map((p) => p.participantId)];
		t.ctx.clock.advance((7 + RETENTION_DAYS - 1) * DAY);
		await runInstance('a');
		expect(await tablesContaining(t.ctx, [trajectory.trajectoryId])).not.toEqual([]);
		t.ctx.clock.advance(3 * DAY);
		await runInstance('a');
		expect(await tablesContaining(t.ctx, ids)).toEqual([]);
		expect(await auditActions(organisationId)).toContain('trajectory.erased');
		// The participant is a professional of another organisation: their own account stays.
		const participant = await t.ctx.db
			.selectFrom('users')
			.select('id')
			.where('id', '=', trajectory.participants[0]!.actor.userId)
			.executeTakeFirst();
		expect(participant).toBeDefined();
	});

	it('expired staff sessions and device sessions go; a hand-over that still locks a live staff session stays', async () => {
		const qc = await buildQuickCheck(t.ctx);
		const { organisationId } = qc.professional;
		const now = t.ctx.clock.now();
		const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
		const session = (id: string, expiresAt: string) => ({
			id,
			token: newId(),
			userId: qc.professional.userId,
			expiresAt,
			ipAddress: null,
			userAgent: null,
			createdAt: at(-2),
			updatedAt: at(-2)
		});
		const [expiredSession, liveSession] = [newId(), newId()];
		await t.ctx.db
			.insertInto('sessions')
			.values([session(expiredSession, at(-1)), session(liveSession, at(1))])
			.execute();
		const device = (id: string, lockedStaffSessionId: string | null) => ({
			id,
			tokenHash: newId(),
			organisationId,
			conversationId: qc.conversationId,
			partyId: qc.participants[0]!.partyId,
			mode: 'handover' as const,
			createdAt: at(-2),
			expiresAt: at(-1),
			revokedAt: null,
			lockedStaffSessionId
		});
		const [plain, lockingLive, lockingGone] = [newId(), newId(), newId()];
		await t.ctx.db
			.insertInto('deviceSessions')
			.values([device(plain, null), device(lockingLive, liveSession), device(lockingGone, expiredSession)])
			.execute();
		await runInstance('a');
		const sessions = await t.ctx.db.selectFrom('sessions').select('id').where('id', 'in', [expiredSession, liveSession]).execute();
		expect(sessions.map((row) => row.id)).toEqual([liveSession]);
		const devices = await t.ctx.db.selectFrom('deviceSessions').select('id').where('id', 'in', [plain, lockingLive, lockingGone]).execute();
		expect(devices.map((row) => row.id)).toEqual([lockingLive]);
	});

	it('personal links and invitations go 30 days after they expired', async () => {
		const world = await buildErasableCollaboration(t.ctx, { close: false });
		const { organisationId } = world.professional;
		const links = () => t.ctx.db.selectFrom('participantLinks').select('id').where('organisationId', '=', organisationId).execute();
		const invitations = () => t.ctx.db.selectFrom('invitations').select('id').where('organisationId', '=', organisationId).execute();
		await inviteStaff({
			ctx: t.ctx,
			actor: world.admin,
			input: { email: 'later@example.test', roles: ['professional'], teamId: '', locale: 'nl' }
		});
		expect(await links()).not.toEqual([]);
		expect(await invitations()).toHaveLength(1);
		t.ctx.clock.advance(20 * DAY);
		await runInstance('a');
		expect(await links()).not.toEqual([]);
		expect(await invitations()).toHaveLength(1);
		t.ctx.clock.advance(30 * DAY);
		await runInstance('a');
		expect(await links()).toEqual([]);
		expect(await invitations()).toEqual([]);
	});

	it('password-reset tokens go once expired and throttling counters a day after their window began; current ones stay', async () => {
		const world = await buildErasableCollaboration(t.ctx, { close: false });
		const { email } = world.professional;
		await requestReset({ ctx: t.ctx, email, clientAddress: `purge-${world.professional.userId}` });
		const tokens = () => t.ctx.db.selectFrom('verifications').select('id').where('value', '=', world.professional.userId).execute();
		const counters = () => t.ctx.db.selectFrom('rateLimits').select('key').where('key', 'like', `%${email}`).execute();
		expect(await tokens()).toHaveLength(1);
		expect(await counters()).not.toEqual([]);
		await runInstance('a');
		expect(await tokens()).toHaveLength(1);
		expect(await counters()).not.toEqual([]);
		t.ctx.clock.advance(2 * DAY);
		await runInstance('a');
		expect(await tokens()).toEqual([]);
		expect(await counters()).toEqual([]);
	});

	it('the dry run shows an admin what will be erased when, in counts and dates; it is refused to a professional', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		await buildErasableCollaboration(t.ctx, { professional: world.professional, close: false });
		const preview = await getRetentionPreview({ ctx: t.ctx, actor: world.admin });
		// The day in Amsterdam, as the admin reads it (between 23:00 and midnight UTC it is already the next one).
		const due = todayInAmsterdam(new Date(t.ctx.clock.now().getTime() + RETENTION_DAYS * DAY));
		expect(preview).toEqual({
			retentionDays: RETENTION_DAYS,
			collaborations: [{ erasesOn: due, count: 1 }],
			trajectories: [],
			openCollaborations: 1,
			tokenGraceDays: 30,
			erasureTombstoneDays: RETENTION_DAYS + 30
		});
		// A dry run changes nothing.
		expect(await tablesContaining(t.ctx, world.texts)).toHaveLength(4);
		await expect(getRetentionPreview({ ctx: t.ctx, actor: world.professional })).rejects.toMatchObject({ code: 'not_found' });
	});
});
