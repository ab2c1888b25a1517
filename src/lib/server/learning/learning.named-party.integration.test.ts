import { expect, it } from 'vitest';
import { actions as participantPage } from '../../../routes/(participant)/c/+page.server.ts';
import { actions as learningPage } from '../../../routes/(staff)/collaborations/[collaborationId=id]/learning/[conversationId=id]/+page.server.ts';
import type { Actor } from '../access/actor.ts';
import type { Database } from '../db/schema.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { postAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { chooseTopic, handWish, saveSafety, saveSheet, startLearningConversation, startSheets, startTopics } from './learning.usecases.ts';

/**
 * A safety, sheet or wish form of a learning conversation always names whose record it saves
 * (the hidden partyId; one's own form names one's own party). A post without it, or with it
 * empty, was cut short or made by hand: it is refused with a message and changes nothing. Read as
 * "one's own", a professional's note for a client saved the client's words over the
 * professional's own sheet or safety.
 */

type Form = 'safety' | 'sheet' | 'wish';
type Sender = 'professional' | 'client';

/** A learning conversation at the step where `form` is used, with every party's record of that form saved once. */
async function world(ctx: TestContext, form: Form) {
	const lc = await buildLearningConversation(ctx, { participants: 1 });
	const lead = { ctx, actor: lc.professional, conversationId: lc.conversationId };
	const client = lc.participants[0]!;
	await startLearningConversation(lead);
	let topicId = '';
	if (form === 'sheet') {
		await startTopics(lead);
		({ topicId } = await chooseTopic({ ...lead, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' }));
		await startSheets(lead);
		await saveSheet({ ...lead, topicId, a: 'Mijn kant', b: 'Mijn B', c: 'Mijn C' });
		await saveSheet({ ...lead, topicId, partyId: client.partyId, a: 'Haar kant', b: 'Haar B', c: 'Haar C' });
	} else {
		await saveSafety({ ...lead, suggestions: ['takeTime'], ownWords: 'Mijn woorden' });
		await saveSafety({ ...lead, partyId: client.partyId, suggestions: [], ownWords: 'Haar woorden' });
		await handWish({ ...lead, partyId: client.partyId, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' });
	}
	const fields: Record<Form, Record<string, string>> = {
		safety: { formId: 'safety', suggestions: 'takeTime', ownWords: 'Haar nieuwe woorden' },
		sheet: { formId: `sheet-${topicId}`, topicId, a: 'Haar nieuwe A', b: 'Haar nieuwe B', c: 'Haar nieuwe C' },
		wish: { formId: 'wish', deckId: lc.decks.wishes, cardKey: 'weten-wat-er-komt' }
	};
	const staffPath = `/collaborations/${lc.collaborationId}/learning/${lc.conversationId}`;
	const senders: Record<Sender, { actor: Actor; path: string; params: Record<string, string>; action: (event: never) => unknown }> = {
		professional: {
			actor: lc.professional,
			path: staffPath,
			params: { collaborationId: lc.collaborationId, conversationId: lc.conversationId },
			action: learningPage[form]
		},
		client: { actor: client, path: '/c', params: {}, action: participantPage[form] }
	};
	return { lc, client, fields: fields[form], senders };
}

const TABLES: Record<Form, keyof Database> = { safety: 'conversationSafety', sheet: 'topicSheets', wish: 'handedWishes' };
const cases = (['safety', 'sheet', 'wish'] as const).flatMap((form) =>
	(['professional', 'client'] as const).flatMap((sender) =>
		(['left out', 'sent empty'] as const).map((partyId) => [form, sender, partyId] as const)
	)
);

describeOnBothDatabases('a learning form names whose record it saves', (dialect) => {
	const t = useTestContext(dialect);

	const rows = async (table: keyof Database) =>
		(await t.ctx.db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
	const auditCount = async () => (await t.ctx.db.selectFrom('auditEvents').select('id').execute()).length;

	it.each(cases)(
		'a %s post by the %s whose partyId is %s is refused with a message for the form, and no record changes',
		async (form, sender, partyId) => {
			const { fields, senders } = await world(t.ctx, form);
			const { actor, path, params, action } = senders[sender];
			const before = await rows(TABLES[form]);
			const audited = await auditCount();
			t.ctx.clock.advance(60_000);
			const post = partyId === 'left out' ? fields : { ...fields, partyId: '' };
			const outcome = await postAs(t.ctx, action, { actor, path, params, fields: post });
			expect(outcome).toMatchObject({
				status: 400,
				data: { errors: { partyId: 'validation_required' }, formError: 'learning.form_incomplete' }
			});
			expect(await rows(TABLES[form])).toEqual(before);
			expect(await auditCount()).toBe(audited);
		}
	);
});
