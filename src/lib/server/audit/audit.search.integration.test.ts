import * as v from 'valibot';
import { expect, it } from 'vitest';
import { recordAudit, recordAudits } from '../shared/audit.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { newId } from '../shared/tokens.ts';
import { auditQuerySchema } from './audit.schemas.ts';
import { AUDIT_PAGE_SIZE, exportAuditCsv, listAuditEvents } from './audit.usecases.ts';

const query = (input: Record<string, string> = {}) => v.parse(auditQuerySchema, input);
const csvLines = (body: string) =>
	body
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');

describeOnBothDatabases('audit log search and export', (dialect) => {
	const t = useTestContext(dialect);

	/** Two staff members' events on either side of a Dutch day's edges, one about a collaboration. */
	async function buildWorld() {
		const admin = await buildOrganisation(t.ctx);
		const anna = await buildStaff(t.ctx, admin, { name: 'Anna Jansen' });
		const bert = await buildStaff(t.ctx, admin, { name: 'Bert de Vries' });
		const collaborationId = newId();
		const teamId = newId();
		const record = async (time: string, entry: Parameters<typeof recordAudit>[2]) => {
			t.ctx.clock.set(time);
			await recordAudit(t.ctx.db, t.ctx.clock, entry);
		};
		// 10 March 2031 in the Netherlands (CET, UTC+1) runs from 9 March 23:00 to 10 March 23:00 UTC.
		await record('2031-03-09T22:59:59.999Z', {
			actor: anna,
			action: 'access.view',
			collaborationId,
			target: { type: 'collaboration', id: collaborationId }
		});
		await record('2031-03-09T23:00:00.000Z', { actor: anna, action: 'team.created', target: { type: 'team', id: teamId } });
		await record('2031-03-10T12:00:00.000Z', {
			actor: bert,
			action: 'access.view',
			collaborationId,
			target: { type: 'conversation', id: newId() }
		});
		await record('2031-03-10T22:59:59.999Z', { actor: bert, action: 'team.member_set', target: { type: 'team', id: teamId } });
		await record('2031-03-10T23:00:00.000Z', { actor: anna, action: 'access.change', collaborationId });
		return { admin, anna, bert, collaborationId, teamId };
	}

	const times = (events: { occurredAt: string }[]) => events.map((e) => e.occurredAt);

	it('an admin finds what one staff member did, one action, and one period of Dutch calendar days, in the database', async () => {
		const w = await buildWorld();
		const byStaff = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ staff: w.bert.userId }) });
		expect(times(byStaff.events)).toEqual(['2031-03-10T22:59:59.999Z', '2031-03-10T12:00:00.000Z']);
		expect(byStaff.total).toBe(2);
		expect(byStaff.staff.map((s) => s.name)).toEqual(expect.arrayContaining(['Anna Jansen', 'Bert de Vries']));

		const byAction = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ action: 'access.view' }) });
		expect(new Set(byAction.events.map((e) => e.action))).toEqual(new Set(['access.view']));
		expect(byAction.total).toBe(2);

		const byDay = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ from: '2031-03-10', to: '2031-03-10' }) });
		expect(times(byDay.events)).toEqual(['2031-03-10T22:59:59.999Z', '2031-03-10T12:00:00.000Z', '2031-03-09T23:00:00.000Z']);

		const combined = await listAuditEvents({
			ctx: t.ctx,
			actor: w.admin,
			query: query({ from: '2031-03-10', to: '2031-03-11', action: 'access.change', staff: w.anna.userId })
		});
		expect(times(combined.events)).toEqual(['2031-03-10T23:00:00.000Z']);
		expect(combined.total).toBe(1);
	});

	it('a reference finds the events about a collaboration (as its client data or as what they are about) and about any other thing', async () => {
		const w = await buildWorld();
		const byClient = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ reference: w.collaborationId.toUpperCase() }) });
		expect(times(byClient.events)).toEqual(['2031-03-10T23:00:00.000Z', '2031-03-10T12:00:00.000Z', '2031-03-09T22:59:59.999Z']);
		expect(byClient.events.every((e) => e.collaborationId === w.collaborationId)).toBe(true);
		const byTeam = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ reference: w.teamId }) });
		expect(byTeam.events.map((e) => e.action)).toEqual(['team.member_set', 'team.created']);
	});

	it('paging keeps the search: the next page holds only events that match it', async () => {
		const w = await buildWorld();
		const entries = Array.from({ length: AUDIT_PAGE_SIZE + 5 }, () => ({ actor: w.anna, action: 'auth.signed_in' as const }));
		t.ctx.clock.set('2031-04-01T08:00:00.000Z');
		for (const [i, entry] of entries.entries()) {
			t.ctx.clock.set(new Date(Date.parse('2031-04-01T08:00:00.000Z') + i * 1000).toISOString());
			await recordAudits(t.ctx.db, t.ctx.clock, [entry, { actor: w.bert, action: 'auth.signed_in' }]);
		}
		const search = { action: 'auth.signed_in', staff: w.anna.userId };
		const first = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query(search) });
		expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.total).toBe(AUDIT_PAGE_SIZE + 5);
		const second = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ ...search, before: first.nextBefore! }) });
		expect(second.events).toHaveLength(5);
		expect(second.nextBefore).toBeNull();
		expect([...first.events, ...second.events].every((e) => e.actorId === w.anna.userId && e.action === 'auth.signed_in')).toBe(true);
	});

	it("an admin never finds another organisation's events", async () => {
		const w = await buildWorld();
		const other = await buildOrganisation(t.ctx);
		const found = await listAuditEvents({ ctx: t.ctx, actor: other, query: query({ reference: w.collaborationId }) });
		expect(found.events).toEqual([]);
		expect(found.total).toBe(0);
		expect(found.staff.map((s) => s.userId)).not.toContain(w.anna.userId);
	});

	it('a privacy officer searches and exports the audit log; a professional can do neither, and leaves no export in the log', async () => {
		const w = await buildWorld();
		const officer = await buildStaff(t.ctx, w.admin, { roles: ['privacyOfficer'] });
		expect((await listAuditEvents({ ctx: t.ctx, actor: officer, query: query({ staff: w.anna.userId }) })).total).toBe(3);
		await expect(exportAuditCsv({ ctx: t.ctx, actor: officer, query: query(), locale: 'nl' })).resolves.toBeDefined();

		await expect(listAuditEvents({ ctx: t.ctx, actor: w.anna, query: query() })).rejects.toMatchObject({ code: 'not_found' });
		await expect(listAuditEvents({ ctx: t.ctx, actor: w.anna, query: null })).rejects.toMatchObject({ code: 'not_found' });
		await expect(exportAuditCsv({ ctx: t.ctx, actor: w.anna, query: query(), locale: 'nl' })).rejects.toMatchObject({ code: 'not_found' });
		const exports = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ action: 'audit.exported' }) });
		expect(exports.events.map((e) => e.actorId)).toEqual([officer.userId]);
	});

	it('the export holds the search as CSV in the reader language, and is itself recorded with its search and number of lines', async () => {
		const w = await buildWorld();
		t.ctx.clock.set('2031-03-12T09:00:00.000Z');
		const { csv: body, fileName: filename } = await exportAuditCsv({
			ctx: t.ctx,
			actor: w.admin,
			query: query({ reference: w.collaborationId, from: '2031-03-10' }),
			locale: 'en'
		});
		expect(filename).toBe('audit-log-2031-03-12.csv');
		const lines = csvLines(body);
		expect(lines[0]).toBe('When,Who,Action,Action code,About,About (code),Reference,Reference of the collaboration');
		expect(lines.slice(1)).toHaveLength(2);
		expect(lines[1]).toBe(`2031-03-10T23:00:00.000Z,Anna Jansen,Client data changed,access.change,,,,${w.collaborationId}`);
		expect(lines[2]).toMatch(
			new RegExp(
				`^2031-03-10T12:00:00.000Z,Bert de Vries,Client data viewed,access.view,Conversation,conversation,[0-9a-f-]{36},${w.collaborationId}$`
			)
		);
		expect(body).not.toContain(w.teamId);

		const exported = await listAuditEvents({ ctx: t.ctx, actor: w.admin, query: query({ action: 'audit.exported' }) });
		expect(exported.events).toHaveLength(1);
		expect(exported.events[0]).toMatchObject({ actorId: w.admin.userId, occurredAt: '2031-03-12T09:00:00.000Z' });
		const row = await t.ctx.db
			.selectFrom('auditEvents')
			.select('details')
			.where('id', '=', exported.events[0]!.id)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(row.details!)).toEqual({
			from: '2031-03-10',
			to: null,
			action: null,
			staff: null,
			reference: w.collaborationId,
			lines: 2
		});
	});
});
