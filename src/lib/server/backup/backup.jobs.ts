import fs from 'node:fs';
import path from 'node:path';
import packageJson from '../../../../package.json' with { type: 'json' };
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { enqueueJob, type JobHandler } from '../shared/jobs.ts';
import { dateTimeFormat } from '../../intl.ts';
import type { Schedule } from '../shared/jobs.runner.ts';
import { backupSqlite, pruneBackups, pruneReplacedDatabases, SQLITE_FILE } from './backup.ts';

/**
 * Nightly backups of the embedded database to DATA_DIR/backups (BACKUP_KEEP of them), through the
 * job runner: one job per day (dedupe key), from 02:00 in Amsterdam. The same job removes the
 * databases a restore replaced once BACKUP_KEEP days old. PostgreSQL installations
 * back up with pg_dump (README), so nothing is queued there. With BACKUP_KEEP=0 no backup is
 * written and the nightly backups already in DATA_DIR/backups are removed.
 */

export const NIGHTLY_BACKUP_KIND = 'backup.nightly';
const VERSION: string = packageJson.version;

export const nightlyBackupHandler: JobHandler = async ({ ctx, job }) => {
	const day = todayInAmsterdam(ctx.clock.now());
	const dir = path.join(ctx.config.dataDir, 'backups');
	if (ctx.config.backupKeep > 0) {
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		const destination = path.join(dir, `tweespraak-${day}.db`);
		// A repeat of today's job (a crash after the copy) keeps the copy it made.
		if (!fs.existsSync(destination)) {
			const { bytes } = await backupSqlite({ sourceFile: path.join(ctx.config.dataDir, SQLITE_FILE), destination, appVersion: VERSION });
			ctx.logger.info({ event: 'backup.written', jobId: job.id, bytes }, 'nightly backup written');
		}
	}
	// BACKUP_KEEP=0 keeps none: the nightly backups written before it was set go at the next night,
	// or they would hold what was erased since for as long as nobody removed them, and keep the
	// erasure tombstones (which wait for the oldest of them) as long.
	const removed = pruneBackups(dir, ctx.config.backupKeep);
	if (removed.length && ctx.config.backupKeep === 0)
		ctx.logger.warn(
			{ event: 'backup.pruned', removed: removed.length, keep: 0 },
			'BACKUP_KEEP is 0: nightly backups are switched off, and the ones still in DATA_DIR/backups were removed'
		);
	else if (removed.length) ctx.logger.info({ event: 'backup.pruned', removed: removed.length }, 'old backups removed');
	// A database a restore replaced is rotated like the nightly backups: kept BACKUP_KEEP days, at
	// least one (time to undo a wrong restore), also when nightly backups are switched off.
	const replaced = pruneReplacedDatabases(ctx.config.dataDir, Math.max(1, ctx.config.backupKeep), ctx.clock.now());
	if (replaced.length)
		ctx.logger.info({ event: 'backup.replaced_pruned', removed: replaced.length }, 'databases replaced by a restore removed');
};

export const nightlyBackupSchedule: Schedule = {
	name: 'backup.nightly',
	everyMs: 15 * 60_000,
	async run(ctx) {
		// Also with BACKUP_KEEP=0: no backups are written then, but the nightly backups made before
		// and a database a restore replaced still go.
		if (ctx.database.dialect !== 'sqlite') return 0;
		const now = ctx.clock.now();
		const hour = Number(dateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' }).format(now));
		if (hour < 2) return 0;
		const day = todayInAmsterdam(now);
		return (await enqueueJob({ ctx, kind: NIGHTLY_BACKUP_KIND, payload: {}, dedupeKey: `${NIGHTLY_BACKUP_KIND}:${day}`, maxAttempts: 3 }))
			? 1
			: 0;
	}
};
