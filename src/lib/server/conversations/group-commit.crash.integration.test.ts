import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../../e2e/support/server.ts';
import { createAppContext, type AppContext } from '../context.ts';
import type { Dialect } from '../db/database.ts';
import { itemKeys } from '../instruments/instruments.models.ts';
import { getCurrentBuiltInInstrument, QUICK_CHECK_INSTRUMENT_KEY } from '../instruments/instruments.usecases.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { claimParticipant } from '../participation/participation.usecases.ts';
import { parseConfig } from '../shared/config.ts';
import { createLogger } from '../shared/logger.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { freePort, startInstance, waitUntilHealthy, type Instance } from '../testing/instances.ts';
import { CapturingMailer, createThrowawayDatabase, getTestDialects, type ThrowawayDatabase } from '../testing/test-context.ts';
import { startQuickCheck } from './conversations.usecases.ts';

/**
 * Group commit (docs/decisions/022-group-commit.md) may answer a submission only once the
 * transaction it shares is committed. A real server (scripts/server.mjs on the production build)
 * takes rating submissions from concurrent phones and is killed with SIGKILL mid-load, ten times
 * on the same database; after each restart every submission it had answered must be stored.
 */

const ROUNDS = 10;
const PER_ROUND = 24;
const CONCURRENCY = 12;
const PARTICIPANTS_PER_CONVERSATION = 12;

interface Device {
	partyId: string;
	token: string;
}

/** Running quick checks whose participants all joined on a phone of their own. */
async function buildDevices(ctx: AppContext, count: number): Promise<Device[]> {
	const admin = await buildOrganisation(ctx);
	const professional = await buildStaff(ctx, admin, { roles: ['professional'] });
	const devices: Device[] = [];
	for (let built = 0; built < count; built += PARTICIPANTS_PER_CONVERSATION) {
		// The join throttle's overall bucket would refuse this many claims within a minute.
		await ctx.db.deleteFrom('rateLimits').where('key', '=', 'join-all').execute();
		const { collaborationId } = await buildCollaboration(ctx, professional, { participants: PARTICIPANTS_PER_CONVERSATION });
		const { conversationId } = await startQuickCheck({ ctx, actor: professional, collaborationId });
		const repo = createParticipationRepository(ctx.db);
		const joinCode = (await repo.findConversation(professional.organisationId, conversationId))!.joinCode!;
		for (const { partyId } of await repo.listParticipantParties(professional.organisationId, conversationId)) {
			const grant = await claimParticipant({ ctx, code: joinCode, partyId, clientAddress: `198.51.100.${devices.length % 250}` });
			devices.push({ partyId, token: grant.token });
		}
	}
	return devices;
}

/** Posts the phone's rating form; true when the server answered that it is stored (the redirect). */
async function submit(base: string, device: Device, keys: readonly string[], logs: Instance['logs']): Promise<boolean> {
	const body = new URLSearchParams(keys.map((key) => [key, '50']));
	try {
		const response = await fetch(`${base}/c?/rate`, {
			method: 'POST',
			body,
			redirect: 'manual',
			headers: { cookie: `tweespraak_device=${device.token}`, origin: base, accept: 'text/html' }
		});
		await response.arrayBuffer();
		if (response.status !== 303) {
			// The server's own error lines (never client content: decision on logging) say why.
			const errors = logs.filter((line) => Number(line.level) >= 50).map((line) => JSON.stringify(line));
			throw new Error(`the submission was answered ${response.status}\n${errors.join('\n')}`);
		}
		return true;
	} catch (error) {
		if (error instanceof TypeError) return false; // the connection died with the server: not acknowledged
		throw error;
	}
}

async function submittedParties(ctx: AppContext, partyIds: readonly string[]): Promise<Set<string>> {
	if (partyIds.length === 0) return new Set();
	const rows = await ctx.db
		.selectFrom('conversationParties')
		.select('id')
		.where('id', 'in', partyIds)
		.where('submittedAt', 'is not', null)
		.execute();
	const rated = await ctx.db.selectFrom('ratings').select('partyId').distinct().where('partyId', 'in', partyIds).execute();
	const withRatings = new Set(rated.map((row) => row.partyId));
	return new Set(rows.map((row) => row.id).filter((id) => withRatings.has(id)));
}

function crashTest(dialect: Dialect) {
	describe(`group commit under SIGKILL (${dialect})`, () => {
		let ctx: AppContext;
		let database: ThrowawayDatabase | undefined;
		let dataDir: string;
		const instances: Instance[] = [];

		beforeAll(async () => {
			buildIfStale(); // `npm test` has just built; run alone, this builds when the sources changed
			dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-crash-'));
			if (dialect === 'postgres') database = await createThrowawayDatabase();
			const config = parseConfig({ DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', LOG_LEVEL: 'silent' });
			ctx = await createAppContext({ config, logger: createLogger('silent'), mailer: new CapturingMailer() });
		}, 240_000);

		afterAll(async () => {
			for (const instance of instances)
				if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
			await Promise.all(instances.map((instance) => instance.exited));
			await ctx?.database.destroy();
			await database?.drop();
			if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		});

		async function launch(): Promise<{ instance: Instance; base: string }> {
			const port = await freePort();
			const base = `http://127.0.0.1:${port}`;
			const env = { PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '' };
			const instance = startInstance({ ...env, LOG_LEVEL: 'warn' });
			instances.push(instance);
			await waitUntilHealthy(instance, base);
			return { instance, base };
		}

		it('every submission the server answered is stored after it was killed mid-load, ten times over', { timeout: 180_000 }, async () => {
			const keys = itemKeys((await getCurrentBuiltInInstrument(ctx, QUICK_CHECK_INSTRUMENT_KEY)).content);
			const devices = await buildDevices(ctx, ROUNDS * PER_ROUND);
			let acknowledged: string[] = [];
			let lost = 0;
			for (let round = 0; round <= ROUNDS; round++) {
				const { instance, base } = await launch();
				// After the restart: what the killed server had answered is there.
				const stored = await submittedParties(ctx, acknowledged);
				lost += acknowledged.filter((id) => !stored.has(id)).length;
				if (round === ROUNDS) {
					instance.child.kill('SIGTERM');
					expect(await instance.exited).toBe(0);
					break;
				}
				acknowledged = [];
				let unanswered = 0;
				// Killed once a third of the round is answered, with the rest still coming in.
				const killAfter = PER_ROUND / 3;
				const queue = devices.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
				await Promise.all(
					Array.from({ length: CONCURRENCY }, async () => {
						for (let device = queue.shift(); device; device = queue.shift()) {
							if (await submit(base, device, keys, instance.logs)) {
								acknowledged.push(device.partyId);
								if (acknowledged.length === killAfter) instance.child.kill('SIGKILL');
							} else unanswered += 1;
						}
					})
				);
				expect(await instance.exited).toBeNull(); // killed, not stopped
				expect(unanswered).toBeGreaterThan(0); // killed mid-load: submissions were still on their way
			}
			expect(lost).toBe(0);
		});
	});
}

for (const dialect of getTestDialects()) crashTest(dialect);
