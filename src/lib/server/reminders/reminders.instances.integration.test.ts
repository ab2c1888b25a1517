import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createAppContext, type AppContext } from '../context.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from '../testing/builders.ts';
import { freePort, startInstance, waitFor, type Instance } from '../testing/instances.ts';
import { CapturingMailer, createThrowawayDatabase, testDatabaseUrl, type ThrowawayDatabase } from '../testing/test-context.ts';

/**
 * Two real Tweespraak servers (scripts/server.mjs on the production build) on one PostgreSQL
 * database, mailing through an SMTP server this test runs on loopback. The SMTP server holds
 * the first delivery, so the reminder job is caught mid-run; the instance running it is then
 * killed with SIGKILL, and the other one must take the job over once its lease expires.
 */

interface Received {
	to: string[];
	raw: string;
}

const LEASE_SECONDS = 5;

/** An SMTP server that holds the first connection without a greeting, and accepts every later one. */
async function startSmtp(): Promise<{ port: number; received: Received[]; connections: () => number; close: () => Promise<void> }> {
	const received: Received[] = [];
	let connections = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		closeTimeout: 1000,
		onConnect(_session, callback) {
			connections += 1;
			if (connections > 1) callback();
			// The first one never gets its greeting: its sender stays busy with this job.
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		}
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { port, received, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ranDueSchedule = (instance: Instance) =>
	instance.logs.find((entry) => entry.event === 'jobs.schedule_ran' && entry.schedule === 'reminders.due') as { count: number } | undefined;

describe.runIf(testDatabaseUrl)('reminders with two real instances on one PostgreSQL database', () => {
	let database: ThrowawayDatabase;
	let ctx: AppContext;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	const instances: Instance[] = [];
	const dataDirs: string[] = [];

	beforeAll(async () => {
		buildIfStale(); // `npm test` has just built; run alone, this builds when the sources changed
		database = await createThrowawayDatabase();
		const config = parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
		ctx = await createAppContext({ config, logger: createLogger('silent'), mailer: new CapturingMailer() });
		smtp = await startSmtp();
	}, 240_000);

	afterAll(async () => {
		for (const instance of instances)
			if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
		await Promise.all(instances.map((instance) => instance.exited));
		await smtp?.close();
		await ctx?.database.destroy();
		await database?.drop();
		for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	async function launch(): Promise<Instance> {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-instance-'));
		dataDirs.push(dataDir);
		const instance = startInstance({
			PORT: String(await freePort()),
			DATA_DIR: dataDir,
			DATABASE_URL: database.url,
			SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			ORIGIN: 'http://tweespraak.test',
			LOG_LEVEL: 'debug',
			JOBS_POLL_INTERVAL_MS: '200',
			JOBS_LEASE_SECONDS: String(LEASE_SECONDS)
		});
		instances.push(instance);
		return instance;
	}

	it('a due reminder is sent once, and killing the instance that is sending it does not lose it', { timeout: 60_000 }, async () => {
		const admin = await buildOrganisation(ctx);
		const professional: BuiltStaff = await buildStaff(ctx, admin);
		await buildCollaboration(ctx, professional, { nextDueOn: addDaysToDate(todayInAmsterdam(new Date()), 2) });

		const [first, second] = [await launch(), await launch()];
		// Both instances look for due reminders when they start; between them they queue it once.
		const ticks = await waitFor(() => {
			const [a, b] = [ranDueSchedule(first!), ranDueSchedule(second!)];
			return a && b ? [a.count, b.count] : undefined;
		}, 'both instances to schedule reminders');
		expect(ticks.toSorted()).toEqual([0, 1]);

		// The job is running on one instance, which is stuck in its SMTP conversation.
		const job = await waitFor(async () => {
			const row = await ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'mail').executeTakeFirst();
			return row?.status === 'running' && smtp.connections() === 1 ? row : undefined;
		}, 'the reminder job to be mid-run');
		const owner = Number(job.leaseOwner!.split(':')[1]);
		const victim = [first!, second!].find((instance) => instance.child.pid === owner)!;
		const survivor = victim === first ? second! : first!;
		expect(victim).toBeDefined();
		victim.child.kill('SIGKILL');
		expect(await victim.exited).toBeNull(); // killed, not stopped

		// After the lease expires the survivor takes the job over and delivers the mail.
		const done = await waitFor(async () => {
			const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirst();
			return row?.status === 'done' ? row : undefined;
		}, 'the survivor to finish the job');
		expect(done).toMatchObject({ attempts: 2, lastError: null });
		expect(smtp.received.map((mail) => mail.to)).toEqual([[professional.email]]);
		// The row is marked done before the line is logged and read from the child's output: wait for it.
		await waitFor(
			() => survivor.logs.some((entry) => entry.event === 'jobs.done' && entry.jobId === job.id),
			'the survivor to log the finished job'
		);

		// A clean stop leaves nothing locked.
		survivor.child.kill('SIGTERM');
		expect(await survivor.exited).toBe(0);
		expect(survivor.logs.some((entry) => entry.event === 'jobs.runner_stopped')).toBe(true);
		const locked = await ctx.db.selectFrom('jobs').select('id').where('status', '=', 'running').execute();
		expect(locked).toEqual([]);
		expect(smtp.received).toHaveLength(1);
	});
});
