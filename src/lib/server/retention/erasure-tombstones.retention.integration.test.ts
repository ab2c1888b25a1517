import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { backupSqlite, restoreSqlite, SQLITE_FILE } from '../backup/backup.ts';
import { createAppContext } from '../context.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { buildStaff } from '../testing/builders.ts';
import { buildErasableCollaboration } from '../testing/erasure-world.ts';
import { createTestContext, describeOnBothDatabases, type TestContext } from '../testing/test-context.ts';
import { saveErasuresToRepeat } from './erasures-to-repeat.ts';
import { ERASURE_TOMBSTONE_MARGIN_DAYS } from './retention.models.ts';
import { createErasureRequestsRepository } from './retention.requests.repository.ts';
import { confirmErasure, repeatErasuresAfterRestore, requestErasure } from './retention.requests.usecases.ts';
import { runRetentionSweep } from './retention.usecases.ts';

const DAY = 86_400_000;

/**
 * Erasure tombstones have a retention of their own (decision 011): one stays while a backup from
 * before its erasure may still be restored — the organisation's retention period plus a margin,
 * and as long as a nightly backup from before it is on the server — and then the retention job
 * removes it.
 */
describeOnBothDatabases('the retention of erasure tombstones', (dialect) => {
	const dirs: string[] = [];
	const contexts: TestContext[] = [];
	afterEach(async () => {
		for (const ctx of contexts.splice(0)) await ctx.cleanup();
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	});
	function tempDir(): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-tombstone-retention-'));
		dirs.push(dir);
		return dir;
	}

	/** A context of its own, on a database file (SQLite) so it can be backed up and restored. */
	async function context(dataDir: string, onDatabaseUrl?: (url: string) => void): Promise<TestContext> {
		const ctx = await createTestContext(dialect, { sqliteFile: SQLITE_FILE, dataDir, onDatabaseUrl });
		contexts.push(ctx);
		return ctx;
	}

	/** Erases a closed collaboration on request: asked by one admin, confirmed by another. */
	async function eraseOnRequest(ctx: TestContext, world: Awaited<ReturnType<typeof buildErasableCollaboration>>) {
		const [asker, second] = [
			await buildStaff(ctx, world.professional, { roles: ['admin'] }),
			await buildStaff(ctx, world.professional, { roles: ['admin'] })
		];
		const input = { targetType: 'collaboration' as const, reference: world.collaborationId, reason: 'clientRequest' as const };
		const { requestId } = await requestErasure({ ctx, actor: asker, input });
		await confirmErasure({ ctx, actor: second, requestId });
	}

	async function retentionDaysOf(ctx: TestContext, organisationId: string): Promise<number> {
		const row = await ctx.db.selectFrom('organisations').select('retentionDays').where('id', '=', organisationId).executeTakeFirstOrThrow();
		return row.retentionDays;
	}

	async function tombstoneIds(ctx: TestContext, organisationId: string): Promise<string[]> {
		const rows = await ctx.db.selectFrom('erasureTombstones').select('targetId').where('organisationId', '=', organisationId).execute();
		return rows.map((row) => row.targetId).toSorted();
	}

	it('the retention job removes a tombstone once the retention period and the margin have passed since the erasure, and keeps a recent one', async () => {
		const ctx = await context(tempDir());
		const old = await buildErasableCollaboration(ctx);
		const organisationId = old.admin.organisationId;
		const period = (await retentionDaysOf(ctx, organisationId)) + ERASURE_TOMBSTONE_MARGIN_DAYS;
		const recent = await buildErasableCollaboration(ctx, { professional: old.professional });
		ctx.clock.advance(-40 * DAY);
		const erasedAt = ctx.clock.now().getTime();
		await eraseOnRequest(ctx, old);
		ctx.clock.advance(40 * DAY);
		await eraseOnRequest(ctx, recent);
		const both = [old.collaborationId, recent.collaborationId].toSorted();

		ctx.clock.set(new Date(erasedAt + period * DAY - 60_000));
		expect((await runRetentionSweep({ ctx, actor: systemActor })).erasureTombstones).toBe(0);
		expect(await tombstoneIds(ctx, organisationId)).toEqual(both);

		ctx.clock.set(new Date(erasedAt + period * DAY + 60_000));
		expect((await runRetentionSweep({ ctx, actor: systemActor })).erasureTombstones).toBe(1);
		expect(await tombstoneIds(ctx, organisationId)).toEqual([recent.collaborationId]);
	});

	it('a nightly backup from before the erasure still on the server keeps the tombstone past the period; once it is rotated away the tombstone goes', async () => {
		const dataDir = tempDir();
		const ctx = await context(dataDir);
		const world = await buildErasableCollaboration(ctx);
		const organisationId = world.admin.organisationId;
		const period = (await retentionDaysOf(ctx, organisationId)) + ERASURE_TOMBSTONE_MARGIN_DAYS;
		// Only its name (the day it was made) counts, so an empty file stands in for the backup.
		const backups = path.join(dataDir, 'backups');
		fs.mkdirSync(backups);
		const nightly = path.join(backups, `tweespraak-${todayInAmsterdam(ctx.clock.now())}.db`);
		fs.writeFileSync(nightly, '');
		await eraseOnRequest(ctx, world);

		ctx.clock.advance((period + 10) * DAY);
		expect((await runRetentionSweep({ ctx, actor: systemActor })).erasureTombstones).toBe(0);
		expect(await tombstoneIds(ctx, organisationId)).toEqual([world.collaborationId]);

		fs.rmSync(nightly);
		expect((await runRetentionSweep({ ctx, actor: systemActor })).erasureTombstones).toBe(1);
		expect(await tombstoneIds(ctx, organisationId)).toEqual([]);
	});

	it('a backup from before the erasure, restored within the period after a retention run, still has the erasure repeated', async () => {
		const dataDir = tempDir();
		let databaseUrl = '';
		const ctx = await context(dataDir, (url) => (databaseUrl = url));
		const world = await buildErasableCollaboration(ctx);
		const organisationId = world.admin.organisationId;
		const period = (await retentionDaysOf(ctx, organisationId)) + ERASURE_TOMBSTONE_MARGIN_DAYS;
		const backup = path.join(tempDir(), 'before-erasure');
		if (dialect === 'sqlite') {
			await backupSqlite({ sourceFile: path.join(dataDir, SQLITE_FILE), destination: backup, appVersion: '0.1.0' });
		} else {
			execFileSync(pgTool('pg_dump'), ['--format=custom', `--file=${backup}`, databaseUrl]);
		}
		await eraseOnRequest(ctx, world);
		ctx.clock.advance((period - 1) * DAY);
		expect((await runRetentionSweep({ ctx, actor: systemActor })).erasureTombstones).toBe(0);

		// The restore as the README tells it: SQLite's restore command carries the tombstones over;
		// on PostgreSQL save-erasures does, before pg_restore.
		if (dialect === 'sqlite') {
			contexts.splice(contexts.indexOf(ctx), 1);
			await ctx.cleanup();
			expect(restoreSqlite({ file: backup, dataDir, appVersion: '0.1.0' }).erasuresToRepeat).toBe(1);
		} else {
			expect(saveErasuresToRepeat(dataDir, { erasures: await createErasureRequestsRepository(ctx.db).listAllTombstones() }).erasures).toBe(
				1
			);
			execFileSync(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', `--dbname=${databaseUrl}`, backup]);
		}
		const restored = await createAppContext({
			config: parseConfig({
				DATA_DIR: dataDir,
				DATABASE_URL: databaseUrl || undefined,
				LOG_LEVEL: 'silent',
				AUTH_SECRET: 'test-secret-that-is-long-enough-for-better-auth'
			}),
			logger: createLogger('silent')
		});
		try {
			const collaboration = restored.db.selectFrom('collaborations').select('id').where('id', '=', world.collaborationId);
			expect(await collaboration.execute()).toHaveLength(1);
			expect(await repeatErasuresAfterRestore({ ctx: restored })).toMatchObject({ erased: 1, alreadyErased: 0 });
			expect(await collaboration.execute()).toEqual([]);
		} finally {
			await restored.database.destroy();
		}
	});
});

function pgTool(name: 'pg_dump' | 'pg_restore'): string {
	return fs.existsSync(`/usr/bin/${name}`) ? `/usr/bin/${name}` : name;
}
