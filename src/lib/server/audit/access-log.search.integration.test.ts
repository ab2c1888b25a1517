import * as v from 'valibot';
import { expect, it } from 'vitest';
import { getCollaboration } from '../collaborations/collaborations.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { accessLogQuerySchema } from './access-log.schemas.ts';
import { exportAccessLogCsv, searchAccessLog } from './access-log.usecases.ts';

const query = (input: Record<string, string>) => v.parse(accessLogQuerySchema, input);

describeOnBothDatabases('access log search and export', (dialect) => {
	const t = useTestContext(dialect);

	async function buildWorld() {
		const admin = await buildOrganisation(t.ctx);
		const anna = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Anna Jansen' });
		const bert = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Bert de Vries' });
		const first = await buildCollaboration(t.ctx, anna, { participants: 1 });
		const second = await buildCollaboration(t.ctx, bert, { participants: 1 });
		t.ctx.clock.set('2031-03-10T10:00:00.000Z');
		await getCollaboration({ ctx: t.ctx, actor: { ...anna, address: '198.51.100.1' }, collaborationId: first.collaborationId });
		await getCollaboration({ ctx: t.ctx, actor: bert, collaborationId: second.collaborationId });
		return { admin, anna, bert, first, second };
	}

	it('an admin finds the entries of one client by its reference, and of one staff member', async () => {
		const w = await buildWorld();
		const byClient = await searchAccessLog({
			ctx: t.ctx,
			actor: w.admin,
			query: query({ reference: w.first.collaborationId.toUpperCase() })
		});
		expect(byClient.entries.length).toBeGreaterThan(0);
		expect(new Set(byClient.entries.map((e) => e.collaborationId))).toEqual(new Set([w.first.collaborationId]));
		expect(byClient.entries.some((e) => e.actorName === 'Anna Jansen' && e.clientAddress === '198.51.100.1')).toBe(true);
		const byStaff = await searchAccessLog({ ctx: t.ctx, actor: w.admin, query: query({ staff: w.bert.userId }) });
		expect(byStaff.entries.length).toBeGreaterThan(0);
		expect(new Set(byStaff.entries.map((e) => e.actorId))).toEqual(new Set([w.bert.userId]));
		expect(byStaff.total).toBe(byStaff.entries.length);
	});

	it('a period is counted in Dutch calendar days, both ends included', async () => {
		const w = await buildWorld();
		// 10 March 2031 in the Netherlands (CET, UTC+1) runs from 9 March 23:00 to 10 March 23:00 UTC.
		const times = ['2031-03-09T22:59:59.999Z', '2031-03-09T23:00:00.000Z', '2031-03-10T22:59:59.999Z', '2031-03-10T23:00:00.000Z'];
		for (const time of times) {
			t.ctx.clock.set(time);
			await recordAudit(t.ctx.db, t.ctx.clock, { actor: w.anna, action: 'access.view', collaborationId: w.first.collaborationId });
		}
		const found = await searchAccessLog({ ctx: t.ctx, actor: w.admin, query: query({ from: '2031-03-10', to: '2031-03-10' }) });
		expect(found.entries.map((e) => e.occurredAt).toSorted()).toEqual([times[1], times[2]]);
	});

	it("an admin never sees another organisation's access log", async () => {
		const w = await buildWorld();
		const other = await buildOrganisation(t.ctx);
		const found = await searchAccessLog({ ctx: t.ctx, actor: other, query: query({ reference: w.first.collaborationId }) });
		expect(found.entries).toEqual([]);
		expect(found.staff.map((s) => s.userId)).not.toContain(w.anna.userId);
	});

	it('a professional cannot search or export the access log', async () => {
		const w = await buildWorld();
		await expect(searchAccessLog({ ctx: t.ctx, actor: w.anna, query: query({}) })).rejects.toMatchObject({ code: 'not_found' });
		await expect(exportAccessLogCsv({ ctx: t.ctx, actor: w.anna, query: query({}), locale: 'nl' })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('the export holds the search as CSV: who, role, what, reference and address, in the reader language', async () => {
		const w = await buildWorld();
		const { body, filename } = await exportAccessLogCsv({
			ctx: t.ctx,
			actor: w.admin,
			query: query({ reference: w.first.collaborationId }),
			locale: 'en'
		});
		expect(filename).toMatch(/^access-log-\d{4}-\d{2}-\d{2}\.csv$/);
		const lines = body
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe('When,Who,Role,What,Reference,Address');
		expect(lines).toContainEqual(
			expect.stringContaining(`,Anna Jansen,Professional,Viewed: collaboration,${w.first.collaborationId},198.51.100.1`)
		);
		expect(body).not.toContain(w.second.collaborationId);
	});

	it('the export is itself recorded in the audit log: who took which part out, with the search and the number of lines, never the lines', async () => {
		const w = await buildWorld();
		t.ctx.clock.set('2031-03-12T09:00:00.000Z');
		const { body } = await exportAccessLogCsv({
			ctx: t.ctx,
			actor: w.admin,
			query: query({ reference: w.first.collaborationId, staff: w.anna.userId }),
			locale: 'nl'
		});
		const lines =
			body
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n').length - 1;
		expect(lines).toBeGreaterThan(0);
		const recorded = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorId', 'occurredAt', 'details'])
			.where('organisationId', '=', w.admin.organisationId)
			.where('action', '=', 'access_log.exported')
			.execute();
		expect(recorded).toHaveLength(1);
		expect(recorded[0]).toMatchObject({ actorId: w.admin.userId, occurredAt: '2031-03-12T09:00:00.000Z' });
		expect(JSON.parse(recorded[0]!.details!)).toEqual({
			from: null,
			to: null,
			staff: w.anna.userId,
			reference: w.first.collaborationId,
			lines
		});
		// A refused export leaves no trace.
		await expect(exportAccessLogCsv({ ctx: t.ctx, actor: w.anna, query: query({}), locale: 'nl' })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(
			await t.ctx.db
				.selectFrom('auditEvents')
				.select('id')
				.where('action', '=', 'access_log.exported')
				.where('actorId', '=', w.anna.userId)
				.execute()
		).toEqual([]);
	});

	it('a bad search is refused with a clear message: not a reference, a period that ends before it starts', () => {
		expect(v.safeParse(accessLogQuerySchema, { reference: 'Jansen' }).issues?.[0]?.message).toBe('erasure_reference_invalid');
		expect(v.safeParse(accessLogQuerySchema, { from: '2031-02-02', to: '2031-02-01' }).issues?.[0]?.message).toBe(
			'access_log_period_invalid'
		);
		expect(v.safeParse(accessLogQuerySchema, { from: '2031-02-30' }).issues?.[0]?.message).toBe('validation_date');
	});
});
