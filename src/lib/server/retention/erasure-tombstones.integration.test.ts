import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { backupSqlite, restoreSqlite, SQLITE_FILE } from '../backup/backup.ts';
import { createAppContext } from '../context.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { anonymousActor, buildOrganisation, buildStaff, signInAs, type BuiltStaff } from '../testing/builders.ts';
import { deleteStaffAccount } from '../staff/staff.deletion.usecases.ts';
import { deactivateStaff } from '../staff/staff.usecases.ts';
import { buildErasableCollaboration, plantedText, tablesContaining } from '../testing/erasure-world.ts';
import { createTestContext, describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { ERASURES_TO_REPEAT_FILE, saveErasuresToRepeat } from './erasures-to-repeat.ts';
import { createErasureRequestsRepository } from './retention.requests.repository.ts';
import { confirmErasure, repeatErasuresAfterRestore, requestErasure } from './retention.requests.usecases.ts';
import { eraseCollaboration } from './retention.usecases.ts';

/**
 * Restoring a backup made before an erasure on request erases it again (decision 011): the erasure
 * leaves a tombstone with the real id, the restore carries the replaced database's tombstones over,
 * and the next start erases them again.
 */
describeOnBothDatabases('erasure tombstones', (dialect) => {
	const t = useTestContext(dialect);

	it('an erasure on request of a collaboration or a participant leaves a tombstone with its real id; retention leaves none', async () => {
		const world = await buildErasableCollaboration(t.ctx);
		const organisationId = world.admin.organisationId;
		const second = await buildStaff(t.ctx, world.admin, { roles: ['admin'] });
		const participant = await t.ctx.db
			.selectFrom('participants')
			.select('id')
			.where('organisationId', '=', organisationId)
			.where('collaborationId', '=', world.collaborationId)
			.executeTakeFirstOrThrow();
		const erase = async (targetType: 'collaboration' | 'participant', reference: string) => {
			const { requestId } = await requestErasure({
				ctx: t.ctx,
				actor: world.admin,
				input: { targetType, reference, reason: 'clientRequest' }
			});
			await confirmErasure({ ctx: t.ctx, actor: second, requestId });
		};
		await erase('participant', participant.id);
		t.ctx.clock.advance(60_000);
		await erase('collaboration', world.collaborationId);

		const tombstones = await t.ctx.db
			.selectFrom('erasureTombstones')
			.selectAll()
			.where('organisationId', '=', organisationId)
			.orderBy('erasedAt')
			.execute();
		expect(tombstones).toEqual([
			{ organisationId, targetType: 'participant', targetId: participant.id, erasedAt: expect.any(String) },
			{ organisationId, targetType: 'collaboration', targetId: world.collaborationId, erasedAt: t.ctx.clock.now().toISOString() }
		]);
		// Nothing else names the erased collaboration.
		expect((await tablesContaining(t.ctx, [...world.ids, ...world.texts, world.email])).toSorted()).toEqual(
			[`erasure_tombstones: ${participant.id}`, `erasure_tombstones: ${world.collaborationId}`].toSorted()
		);

		// Retention: the sweep erases again by its own rule after a restore, so it leaves no tombstone.
		const retained = await buildErasableCollaboration(t.ctx);
		t.ctx.clock.advance(30 * 365 * 86_400_000);
		expect(
			await eraseCollaboration({
				ctx: t.ctx,
				actor: systemActor,
				organisationId: retained.admin.organisationId,
				reason: 'retention',
				collaborationId: retained.collaborationId
			})
		).toBe('erased');
		expect(
			await t.ctx.db.selectFrom('erasureTombstones').selectAll().where('organisationId', '=', retained.admin.organisationId).execute()
		).toEqual([]);
	});
});

describe('restoring a backup made before an erasure on request (sqlite)', () => {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	});
	function tempDir(): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-tombstones-'));
		dirs.push(dir);
		return dir;
	}

	it('the next start erases the collaboration again: it, its participants and their names are gone, the tombstone is kept and the file removed', async () => {
		const dataDir = tempDir();
		const ctx = await createTestContext('sqlite', { sqliteFile: SQLITE_FILE, dataDir });
		let collaborationId: string;
		let texts: string[];
		let participantIds: string[];
		let organisationId: string;
		const backup = path.join(tempDir(), 'before-erasure.db');
		try {
			const world = await buildErasableCollaboration(ctx);
			({ collaborationId, texts } = world);
			organisationId = world.admin.organisationId;
			participantIds = (await ctx.db.selectFrom('participants').select('id').where('collaborationId', '=', collaborationId).execute()).map(
				(p) => p.id
			);
			expect(participantIds.length).toBeGreaterThan(0);
			const second = await buildStaff(ctx, world.admin, { roles: ['admin'] });
			await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: backup, appVersion: '0.1.0' });
			const { requestId } = await requestErasure({
				ctx,
				actor: world.admin,
				input: { targetType: 'collaboration', reference: collaborationId, reason: 'clientRequest' }
			});
			await confirmErasure({ ctx, actor: second, requestId });
		} finally {
			// The server stops before a restore.
			await ctx.cleanup();
		}

		const { replaced, erasuresToRepeat, tombstonesUnreadable } = restoreSqlite({ file: backup, dataDir, appVersion: '0.1.0' });
		expect(replaced).not.toBeNull();
		expect({ erasuresToRepeat, tombstonesUnreadable }).toEqual({ erasuresToRepeat: 1, tombstonesUnreadable: false });
		const file = path.join(dataDir, ERASURES_TO_REPEAT_FILE);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		const carried = fs.readFileSync(file, 'utf8');

		const restored = await createAppContext({
			config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth' }),
			logger: createLogger('silent')
		});
		try {
			// The backup brought the erased collaboration back.
			expect(await tablesContaining(restored, texts)).toHaveLength(texts.length);

			expect(await repeatErasuresAfterRestore({ ctx: restored })).toMatchObject({ erased: 1, alreadyErased: 0 });
			expect(await restored.db.selectFrom('collaborations').select('id').where('id', '=', collaborationId).execute()).toEqual([]);
			expect(await restored.db.selectFrom('participants').select('id').where('id', 'in', participantIds).execute()).toEqual([]);
			expect(await tablesContaining(restored, texts)).toEqual([]);
			expect(await restored.db.selectFrom('erasureTombstones').selectAll().execute()).toEqual([
				{ organisationId, targetType: 'collaboration', targetId: collaborationId, erasedAt: expect.any(String) }
			]);
			expect(fs.existsSync(file)).toBe(false);

			// A start that crashed before removing the file does it again, and nothing changes.
			fs.writeFileSync(file, carried, { mode: 0o600 });
			expect(await repeatErasuresAfterRestore({ ctx: restored })).toMatchObject({ erased: 0, alreadyErased: 1 });
			expect(fs.existsSync(file)).toBe(false);
			// Without the file a start does nothing.
			expect(await repeatErasuresAfterRestore({ ctx: restored })).toBeUndefined();
		} finally {
			await restored.database.destroy();
		}
	});

	it('a staff account deleted or deactivated after the backup stays so: no name, address or password back, no sessions, no sign-in', async () => {
		const dataDir = tempDir();
		const ctx = await createTestContext('sqlite', { sqliteFile: SQLITE_FILE, dataDir });
		const name = plantedText('Name');
		const email = `${plantedText('mail').toLowerCase()}@tweespraak.test`;
		let leaver: BuiltStaff;
		let mover: BuiltStaff;
		const backup = path.join(tempDir(), 'before-leaving.db');
		try {
			const admin = await buildOrganisation(ctx);
			leaver = await buildStaff(ctx, admin, { roles: ['professional'], name, email });
			mover = await buildStaff(ctx, admin, { roles: ['professional'] });
			await signInAs(ctx, leaver);
			await signInAs(ctx, mover);
			await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: backup, appVersion: '0.1.0' });
			await deactivateStaff({ ctx, actor: admin, userId: mover.userId });
			await deactivateStaff({ ctx, actor: admin, userId: leaver.userId });
			expect(await deleteStaffAccount({ ctx, actor: admin, userId: leaver.userId })).toEqual({ formerNumber: 1 });
		} finally {
			await ctx.cleanup();
		}

		expect(restoreSqlite({ file: backup, dataDir, appVersion: '0.1.0' })).toMatchObject({ erasuresToRepeat: 0, staffToRepeat: 2 });
		const restored = await createAppContext({
			config: parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth' }),
			logger: createLogger('silent')
		});
		const sessionsOf = (userId: string) => restored.db.selectFrom('sessions').select('id').where('userId', '=', userId).execute();
		const signInAgain = (staff: BuiltStaff) =>
			signIn({
				ctx: restored,
				actor: anonymousActor,
				email: staff.email,
				password: staff.password,
				clientAddress: `restore-${staff.userId}`,
				requestHeaders: new Headers()
			});
		try {
			// The backup brought both back, with the leaver's name and address and both sessions.
			expect(await tablesContaining(restored, [name, email])).not.toEqual([]);
			expect(await sessionsOf(mover.userId)).toHaveLength(1);

			expect(await repeatErasuresAfterRestore({ ctx: restored })).toEqual({
				erased: 0,
				alreadyErased: 0,
				staffApplied: 2,
				staffUnchanged: 0
			});
			expect(await tablesContaining(restored, [name, email])).toEqual([]);
			expect(await restored.db.selectFrom('users').select(['name', 'email']).where('id', '=', leaver.userId).executeTakeFirst()).toEqual({
				name: 'Voormalig medewerker 1',
				email: `former-${leaver.userId}@deleted.invalid`
			});
			expect(await restored.db.selectFrom('accounts').select('id').where('userId', '=', leaver.userId).execute()).toEqual([]);
			expect(
				await restored.db
					.selectFrom('memberships')
					.select(['userId', 'status', 'formerNumber'])
					.where('userId', 'in', [leaver.userId, mover.userId])
					.orderBy('formerNumber')
					.execute()
			).toEqual(
				expect.arrayContaining([
					{ userId: leaver.userId, status: 'deactivated', formerNumber: 1 },
					{ userId: mover.userId, status: 'deactivated', formerNumber: null }
				])
			);
			expect(await sessionsOf(mover.userId)).toEqual([]);
			expect(await sessionsOf(leaver.userId)).toEqual([]);
			await expect(signInAgain(mover)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
			await expect(signInAgain(leaver)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
			expect(fs.existsSync(path.join(dataDir, ERASURES_TO_REPEAT_FILE))).toBe(false);
		} finally {
			await restored.database.destroy();
		}
	});
});

/**
 * On PostgreSQL the operator runs `save-erasures` before pg_restore; the restore itself is outside
 * Tweespraak, so here the rows the dump held are put back by hand.
 */
describeOnBothDatabases('staff changes carried over a restore by save-erasures', (dialect) => {
	it('a staff account deleted or deactivated before save-erasures is deleted or deactivated again at the next start, its sessions gone', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-staff-restore-'));
		const ctx: TestContext = await createTestContext(dialect, { dataDir });
		try {
			const admin = await buildOrganisation(ctx);
			const name = plantedText('Name');
			const email = `${plantedText('mail').toLowerCase()}@tweespraak.test`;
			const leaver = await buildStaff(ctx, admin, { roles: ['professional'], name, email });
			const mover = await buildStaff(ctx, admin, { roles: ['professional'] });
			const ids = [leaver.userId, mover.userId];
			const dump = {
				users: await ctx.db.selectFrom('users').selectAll().where('id', 'in', ids).execute(),
				accounts: await ctx.db.selectFrom('accounts').selectAll().where('userId', '=', leaver.userId).execute(),
				memberships: await ctx.db.selectFrom('memberships').selectAll().where('userId', 'in', ids).execute(),
				roles: await ctx.db.selectFrom('membershipRoles').selectAll().where('userId', '=', leaver.userId).execute()
			};
			await deactivateStaff({ ctx, actor: admin, userId: mover.userId });
			await deactivateStaff({ ctx, actor: admin, userId: leaver.userId });
			await deleteStaffAccount({ ctx, actor: admin, userId: leaver.userId });

			const repo = createErasureRequestsRepository(ctx.db);
			expect(saveErasuresToRepeat(dataDir, { erasures: await repo.listAllTombstones(), staff: await repo.listStaffChanges() })).toEqual({
				erasures: 0,
				staff: 2
			});

			// pg_restore of a dump from before: both active again, the leaver with name, address and password.
			for (const user of dump.users) await ctx.db.updateTable('users').set(user).where('id', '=', user.id).execute();
			await ctx.db.insertInto('accounts').values(dump.accounts).execute();
			for (const membership of dump.memberships)
				await ctx.db
					.updateTable('memberships')
					.set(membership)
					.where('organisationId', '=', membership.organisationId)
					.where('userId', '=', membership.userId)
					.execute();
			await ctx.db.insertInto('membershipRoles').values(dump.roles).execute();
			await signInAs(ctx, leaver);
			await signInAs(ctx, mover);
			expect(await tablesContaining(ctx, [name, email])).not.toEqual([]);

			expect(await repeatErasuresAfterRestore({ ctx })).toEqual({ erased: 0, alreadyErased: 0, staffApplied: 2, staffUnchanged: 0 });
			expect(await tablesContaining(ctx, [name, email])).toEqual([]);
			expect(await ctx.db.selectFrom('sessions').select('id').where('userId', 'in', ids).execute()).toEqual([]);
			expect(await ctx.db.selectFrom('accounts').select('id').where('userId', '=', leaver.userId).execute()).toEqual([]);
			const memberships = await ctx.db
				.selectFrom('memberships')
				.select(['userId', 'status', 'formerNumber'])
				.where('userId', 'in', ids)
				.execute();
			expect(memberships).toEqual(
				expect.arrayContaining([
					{ userId: leaver.userId, status: 'deactivated', formerNumber: 1 },
					{ userId: mover.userId, status: 'deactivated', formerNumber: null }
				])
			);
			// A second start with the same file (crashed before removing it) changes nothing more.
			saveErasuresToRepeat(dataDir, { staff: await repo.listStaffChanges() });
			expect(await repeatErasuresAfterRestore({ ctx })).toMatchObject({ staffApplied: 0, staffUnchanged: 2 });
		} finally {
			await ctx.cleanup();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
