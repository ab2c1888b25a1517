import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../shared/logger.ts';
import { createMailer } from '../shared/mail.ts';
import { sendLinkMail } from '../participation/links.mails.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { buildStaff, type BuiltStaff } from '../testing/builders.ts';
import { buildErasableCollaboration, tablesContaining, type ErasureWorld } from '../testing/erasure-world.ts';
import { createTestContext, describeOnBothDatabases, type TestContext } from '../testing/test-context.ts';
import { confirmErasure, listErasureRequests, rejectErasure, requestErasure } from './retention.requests.usecases.ts';

/**
 * Erasure on request, on a database file (SQLite) or a throwaway database (PostgreSQL), so the
 * test can look where an attacker with the files would: the raw SQLite file after a checkpoint
 * and VACUUM, a pg_dump, the outbox's .eml files and the log.
 */
describeOnBothDatabases('erasure on request', (dialect) => {
	let ctx: TestContext;
	let dataDir: string;
	let databaseUrl = '';
	const logLines: string[] = [];

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-erasure-'));
		const logger = createLogger(
			'trace',
			new Writable({
				write(chunk, _encoding, done) {
					logLines.push(String(chunk));
					done();
				}
			})
		);
		ctx = await createTestContext(dialect, { sqliteFile: 'tweespraak.db', dataDir, logger, onDatabaseUrl: (url) => (databaseUrl = url) });
	});
	afterAll(async () => {
		await ctx?.cleanup();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	/** What someone with the database's files would read. */
	function rawDatabase(): string {
		if (dialect === 'postgres') {
			const pgDump = fs.existsSync('/usr/bin/pg_dump') ? '/usr/bin/pg_dump' : 'pg_dump';
			return execFileSync(pgDump, ['--data-only', databaseUrl], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
		}
		const file = path.join(dataDir, 'tweespraak.db');
		const wal = `${file}-wal`;
		return [file, wal]
			.filter((f) => fs.existsSync(f))
			.map((f) => fs.readFileSync(f).toString('latin1'))
			.join('\n');
	}

	async function compact(): Promise<void> {
		if (dialect === 'sqlite') {
			await sql`pragma wal_checkpoint(truncate)`.execute(ctx.db);
			await sql`vacuum`.execute(ctx.db);
			await sql`pragma wal_checkpoint(truncate)`.execute(ctx.db);
		}
	}

	async function world(): Promise<{ world: ErasureWorld; second: BuiltStaff }> {
		const built = await buildErasableCollaboration(ctx);
		const second = await buildStaff(ctx, built.admin, { roles: ['admin'] });
		return { world: built, second };
	}

	it('an organisation whose setting asks a second admin, with only one admin, is told that nobody can confirm (its admin, not a holder); a second admin or the holder setting ends it', async () => {
		const w = await buildErasableCollaboration(ctx);
		const organisationId = w.admin.organisationId;
		expect(await createStaffRepository(ctx.db).countActiveAdmins(organisationId)).toBe(1);
		expect(await listErasureRequests({ ctx, actor: w.admin })).toMatchObject({ confirmation: 'secondAdmin', noSecondAdmin: true });
		// A holder is not told how many admins the organisation has.
		expect(await listErasureRequests({ ctx, actor: w.professional })).toMatchObject({ confirmation: 'secondAdmin', noSecondAdmin: false });

		await ctx.db.updateTable('organisations').set({ erasureConfirmation: 'holder' }).where('id', '=', organisationId).execute();
		expect(await listErasureRequests({ ctx, actor: w.admin })).toMatchObject({ confirmation: 'holder', noSecondAdmin: false });

		await ctx.db.updateTable('organisations').set({ erasureConfirmation: 'secondAdmin' }).where('id', '=', organisationId).execute();
		await buildStaff(ctx, w.admin, { roles: ['admin'] });
		expect(await listErasureRequests({ ctx, actor: w.admin })).toMatchObject({ confirmation: 'secondAdmin', noSecondAdmin: false });
	});

	it('confirmed by a second admin, a collaboration is erased: its label, names and text are in no table, not in the raw database, the outbox or the log', async () => {
		const { world: w, second } = await world();
		// A mail in the outbox that names the participant, as a mail without SMTP would be written.
		const outbox = path.join(dataDir, 'outbox');
		await createMailer({ smtpUrl: undefined, from: 'x@example.test', outboxDir: outbox, logger: createLogger('silent') }).send({
			to: w.email,
			subject: 'Voorbereiding',
			text: `Hallo ${w.texts[1]}, bereid je voor op het gesprek.`,
			html: `<p>Hallo ${w.texts[1]}</p>`
		});
		await compact();
		expect(rawDatabase()).toContain(w.texts[0]);

		const { requestId } = await requestErasure({
			ctx,
			actor: w.admin,
			input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' }
		});
		// The admin who asked cannot confirm it; nothing is erased yet.
		await expect(confirmErasure({ ctx, actor: w.admin, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect(await tablesContaining(ctx, [w.texts[0]!])).toHaveLength(1);

		await confirmErasure({ ctx, actor: second, requestId });
		// No compaction by the test: what the files hold right after the erasure.
		const raw = rawDatabase();
		for (const text of [...w.texts, w.email]) expect(raw.toLowerCase()).not.toContain(text.toLowerCase());
		// Only its tombstone names it, to erase it again after a restore (decision 011).
		expect(await tablesContaining(ctx, [...w.ids, ...w.texts, w.email])).toEqual([`erasure_tombstones: ${w.collaborationId}`]);
		expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toEqual([]);
		expect(logLines.join('').toLowerCase()).not.toContain(w.texts[0]!.toLowerCase());
		for (const text of [...w.texts, w.email]) expect(logLines.join('').toLowerCase()).not.toContain(text.toLowerCase());

		const overview = await listErasureRequests({ ctx, actor: w.admin });
		expect(overview.requests.find((r) => r.id === requestId)).toMatchObject({ status: 'erased', reason: 'clientRequest' });
		const actions = await ctx.db.selectFrom('auditEvents').select('action').where('organisationId', '=', w.admin.organisationId).execute();
		expect(actions.map((a) => a.action)).toEqual(
			expect.arrayContaining(['erasure.requested', 'collaboration.erased', 'erasure.confirmed'])
		);
	});

	it('an outbox mail sent before the participant’s name and address changed is still removed with the erasure: it is found by whom it is about', async () => {
		const { world: w, second } = await world();
		const participant = await ctx.db
			.selectFrom('participants')
			.select('id')
			.where('collaborationId', '=', w.collaborationId)
			.executeTakeFirstOrThrow();
		const outbox = path.join(dataDir, 'outbox');
		const mailer = createMailer({ smtpUrl: undefined, from: 'x@example.test', outboxDir: outbox, logger: createLogger('silent') });
		await sendLinkMail(
			{ mailer },
			{
				to: w.email,
				participantId: participant.id,
				locale: 'nl',
				purpose: 'preparation',
				url: 'https://tweespraak.example/l/token',
				expiresAt: '2100-01-01T00:00:00.000Z',
				professionalName: 'Anna',
				scheduledOn: null
			}
		);
		// Since then, the professional changed the participant's name and address.
		await ctx.db
			.updateTable('participants')
			.set({ displayName: 'Andere naam', email: 'nieuw@example.test' })
			.where('id', '=', participant.id)
			.execute();
		expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);

		const { requestId } = await requestErasure({
			ctx,
			actor: w.admin,
			input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' }
		});
		await confirmErasure({ ctx, actor: second, requestId });
		expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toEqual([]);
	});

	it('erasing what is already erased is refused with a clear message, and nothing changes', async () => {
		const { world: w, second } = await world();
		const { requestId } = await requestErasure({
			ctx,
			actor: w.admin,
			input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' }
		});
		await confirmErasure({ ctx, actor: second, requestId });
		const before = await ctx.db.selectFrom('erasureRequests').selectAll().orderBy('id').execute();
		await expect(
			requestErasure({ ctx, actor: w.admin, input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' } })
		).rejects.toMatchObject({ code: 'erasure.nothing_to_erase' });
		// Confirming the done request again: not found.
		await expect(confirmErasure({ ctx, actor: second, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect(await ctx.db.selectFrom('erasureRequests').selectAll().orderBy('id').execute()).toEqual(before);
	});

	it('a second request for the same target waits for the first; a rejected request erases nothing', async () => {
		const { world: w, second } = await world();
		const input = { targetType: 'collaboration' as const, reference: w.collaborationId, reason: 'consentWithdrawn' as const };
		const { requestId } = await requestErasure({ ctx, actor: w.admin, input });
		await expect(requestErasure({ ctx, actor: second, input })).rejects.toMatchObject({ code: 'erasure.already_requested' });
		await rejectErasure({ ctx, actor: second, requestId });
		expect(await tablesContaining(ctx, w.texts)).toHaveLength(4);
		await expect(confirmErasure({ ctx, actor: second, requestId })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('when the organisation chose the holder, the holder confirms, and one participant is erased while the rest stays', async () => {
		const { world: w, second } = await world();
		await ctx.db.updateTable('organisations').set({ erasureConfirmation: 'holder' }).where('id', '=', w.admin.organisationId).execute();
		const participant = await ctx.db
			.selectFrom('participants')
			.select(['id', 'displayName'])
			.where('organisationId', '=', w.admin.organisationId)
			.where('collaborationId', '=', w.collaborationId)
			.execute();
		const target = participant[0]!;
		const { requestId } = await requestErasure({
			ctx,
			actor: w.admin,
			input: { targetType: 'participant', reference: target.id, reason: 'clientRequest' }
		});
		// Now a second admin may not confirm; the holder may, and sees it waiting.
		await expect(confirmErasure({ ctx, actor: second, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect((await listErasureRequests({ ctx, actor: w.professional })).requests.map((r) => r.id)).toEqual([requestId]);
		await confirmErasure({ ctx, actor: w.professional, requestId });
		expect(await tablesContaining(ctx, [target.id, target.displayName, w.texts[3]!])).toEqual([`erasure_tombstones: ${target.id}`]);
		// The collaboration and the others' part stay.
		expect(await tablesContaining(ctx, [w.texts[0]!])).toHaveLength(1);
	});

	it('another organisation cannot ask to erase, nor confirm, by reference', async () => {
		const { world: w } = await world();
		const { world: other, second: otherAdmin } = await world();
		await expect(
			requestErasure({
				ctx,
				actor: other.admin,
				input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' }
			})
		).rejects.toMatchObject({ code: 'erasure.nothing_to_erase' });
		const { requestId } = await requestErasure({
			ctx,
			actor: w.admin,
			input: { targetType: 'collaboration', reference: w.collaborationId, reason: 'clientRequest' }
		});
		await expect(confirmErasure({ ctx, actor: otherAdmin, requestId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(confirmErasure({ ctx, actor: w.professional, requestId })).rejects.toMatchObject({ code: 'not_found' });
		expect(await tablesContaining(ctx, w.texts)).toHaveLength(4);
	});
});
