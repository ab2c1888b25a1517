import { InsertQueryNode, type KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { submitRatings } from '../conversations/conversations.rating.usecases.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { auditRows } from '../shared/audit.ts';
import { buildQuickCheck, ratingsOf } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { loggedAtTheDoor } from './access.ts';

/**
 * The context with its group commit handing each change a transaction that counts the inserts
 * into the audit log (the table an InsertQueryNode names).
 */
function countingAuditInserts(ctx: TestContext): { ctx: TestContext; inserts: () => number } {
	let inserts = 0;
	const counting: KyselyPlugin = {
		transformQuery: ({ node }) => {
			if (InsertQueryNode.is(node) && node.into?.table.identifier.name === 'audit_events') inserts += 1;
			return node;
		},
		transformResult: async ({ result }) => result
	};
	const commits: GroupCommit = {
		run: (work) => ctx.database.commits.run((trx) => work(trx.withPlugin(counting))),
		stats: () => ctx.database.commits.stats()
	};
	return { ctx: { ...ctx, database: { ...ctx.database, commits } }, inserts: () => inserts };
}

/** Every audit event of the conversation, as `actorType action`. */
async function auditActions(ctx: TestContext, conversationId: string): Promise<string[]> {
	const rows = await ctx.db.selectFrom('auditEvents').select(['action', 'actorType']).where('targetId', '=', conversationId).execute();
	return rows.map((row) => `${row.actorType} ${row.action}`);
}

/** What `after` holds beyond `before`, duplicates counted. */
function added(before: readonly string[], after: readonly string[]): string[] {
	const left = [...before];
	return after.filter((item) => {
		const at = left.indexOf(item);
		if (at === -1) return true;
		left.splice(at, 1);
		return false;
	});
}

describeOnBothDatabases('access log: a change writes its entry and its own events in one insert', (dialect) => {
	const t = useTestContext(dialect);

	it("a participant's rating and a leading professional's rating each write the access entry and the change's events in one insert, all of them stored", async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const before = await auditActions(t.ctx, qc.conversationId);

		const device = countingAuditInserts(t.ctx);
		await submitRatings({ ctx: device.ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(60) });
		expect(device.inserts()).toBe(1);
		const afterDevice = await auditActions(t.ctx, qc.conversationId);
		expect(added(before, afterDevice).sort()).toEqual(['participant access.change', 'participant conversation.ratings_submitted']);

		const lead = countingAuditInserts(t.ctx);
		await submitRatings({ ctx: lead.ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(70) });
		expect(lead.inserts()).toBe(1);
		// The professional's rating completes the quick check: its reveal is an event of the same change.
		const fromLead = added(afterDevice, await auditActions(t.ctx, qc.conversationId));
		expect(fromLead).toContain('staff access.change');
		expect(fromLead).toContain('staff conversation.ratings_submitted');
	});

	it("a door that logged at the door still writes the change's own events it is handed", async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const rows = auditRows(t.ctx.clock, [
			{ actor: qc.professional, action: 'conversation.started', target: { type: 'conversation', id: qc.conversationId } }
		]);
		await t.ctx.db.transaction().execute((trx) => loggedAtTheDoor(trx, rows));
		const stored = await t.ctx.db.selectFrom('auditEvents').select('id').where('id', '=', rows[0]!.id!).execute();
		expect(stored).toHaveLength(1);
	});
});
