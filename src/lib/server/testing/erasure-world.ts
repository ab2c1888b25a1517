import { sql } from 'kysely';
import { closeCollaboration } from '../collaborations/collaborations.usecases.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob } from '../shared/jobs.ts';
import { createRetentionRepository } from '../retention/retention.repository.ts';
import { buildLearningConversation, prepare } from './learning-builders.ts';
import { buildClosedQuickCheck } from './report-builders.ts';
import type { TestContext } from './test-context.ts';
import type { BuiltStaff } from './builders.ts';

/** Builders for the data lifecycle's tests: a collaboration with something in every part, and a raw look at every table. */

let planted = 0;
/** Text no other test writes, to search for after an erasure. */
export function plantedText(what: string): string {
	planted += 1;
	return `Plant${what}${planted}x${Math.random().toString(36).slice(2, 10)}`;
}

export interface ErasureWorld {
	admin: BuiltStaff;
	professional: BuiltStaff;
	collaborationId: string;
	/** Every id of a record in the collaboration, as the erasure collects them. */
	ids: string[];
	/** Free text typed into it: its label, the participant's name, a reflection and a private preparation. */
	texts: string[];
	email: string;
}

/**
 * A closed collaboration with a closed quick check (ratings, a reflection, an agreement), a
 * learning conversation with a mailed personal link and a private preparation, and a queued mail.
 */
export async function buildErasableCollaboration(
	ctx: TestContext,
	options: { professional?: BuiltStaff; close?: boolean } = {}
): Promise<ErasureWorld> {
	const reflection = plantedText('Reflection');
	const wishes = plantedText('Wishes');
	const email = `${plantedText('mail').toLowerCase()}@example.test`;
	const qc = await buildClosedQuickCheck(ctx, { reflection, professional: options.professional });
	const learning = await buildLearningConversation(ctx, {
		professional: qc.professional,
		collaborationId: qc.collaborationId,
		participants: 1,
		emails: { 0: { email } },
		deliveries: { 0: 'email' }
	});
	await prepare(ctx, { actor: learning.participants[0]!, conversationId: learning.conversationId, preparation: { wishes }, share: false });
	const label = plantedText('Label');
	const name = plantedText('Name');
	const organisationId = qc.professional.organisationId;
	await ctx.db
		.updateTable('collaborations')
		.set({ label })
		.where('organisationId', '=', organisationId)
		.where('id', '=', qc.collaborationId)
		.execute();
	await ctx.db
		.updateTable('participants')
		.set({ displayName: name })
		.where('organisationId', '=', organisationId)
		.where('collaborationId', '=', qc.collaborationId)
		.execute();
	// A mail still waiting in the queue for it.
	await enqueueJob({
		ctx,
		kind: 'mail',
		payload: { template: 'conversationDue', collaborationId: qc.collaborationId },
		dedupeKey: `test:${qc.collaborationId}`,
		organisationId,
		runAt: new Date(ctx.clock.now().getTime() + 10 * 365 * 86_400_000)
	});
	if (options.close !== false) await closeCollaboration({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
	const ids = await createRetentionRepository(ctx.db, ctx.database.dialect).collectCollaborationIds(
		qc.professional.organisationId,
		qc.collaborationId
	);
	return {
		admin: qc.admin,
		professional: qc.professional,
		collaborationId: qc.collaborationId,
		ids,
		texts: [label, name, reflection, wishes],
		email
	};
}

/** Every row of every table, as text: what a raw look at the database would find. */
export async function dumpAllTables(ctx: AppContext): Promise<Map<string, string>> {
	const tables = await ctx.db.introspection.getTables();
	const dump = new Map<string, string>();
	for (const table of tables) {
		const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(ctx.db);
		dump.set(table.name, rows.map((row) => JSON.stringify(row)).join('\n'));
	}
	return dump;
}

/** The tables in which any of `needles` still occurs (case-insensitive). */
export async function tablesContaining(ctx: AppContext, needles: readonly string[]): Promise<string[]> {
	const found: string[] = [];
	for (const [table, text] of await dumpAllTables(ctx)) {
		const lower = text.toLowerCase();
		for (const needle of needles) if (lower.includes(needle.toLowerCase())) found.push(`${table}: ${needle}`);
	}
	return found;
}
