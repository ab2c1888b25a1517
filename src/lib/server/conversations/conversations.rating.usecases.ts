import type { Kysely } from 'kysely';
import { requireAccess, requireParty, requirePartyRule } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { itemKeys, smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { changeAsParty, changeConversation, refuseIf, type AuditEvents } from './conversations.change.ts';
import { canRevealEarly, changedReflections } from './conversations.models.ts';
import { revealIfComplete } from './conversations.lead.usecases.ts';
import { ratingRefusal } from './conversations.policy.ts';
import type { ConversationRecord } from './conversations.repository.ts';
import { findRatingProblem, isTooLong, NOTE_MAX_LENGTH } from './conversations.schemas.ts';

type Input = { ctx: AppContext; actor: Actor; conversationId: string };

/** The conversation's instrument (kept in memory once read: a published version never changes). */
async function loadContent(ctx: AppContext, trx: Kysely<Database>, conversation: ConversationRecord) {
	const { organisationId, instrumentId } = conversation;
	const instrument = instrumentId ? await findPublishedInstrument(ctx, { organisationId, instrumentId }, trx) : undefined;
	if (!instrument) throw new Error(`conversation ${conversation.id} has no instrument`);
	return { instrumentId: instrument.id, content: instrument.content };
}

/**
 * Stores the actor's own ratings, all items at once (0–100; a child's as 0, 25, 50, 75, 100).
 * Refused, changing nothing: an unknown or missing item, a value out of range, a second
 * submission, or one after the reveal. When every present party has submitted, the
 * conversation reveals by itself. The party's state is checked under the conversation's lock,
 * so of two submissions at once the second sees the first.
 */
export async function submitRatings({ ctx, actor, conversationId, values }: Input & { values: Readonly<Record<string, unknown>> }) {
	const party = await requirePartyRule({ db: ctx.db, actor, conversationId, purpose: 'change' });
	const organisationId = party.organisationId;
	const scope = { actor, party, conversationId, action: 'submitRatings' as const };
	return changeAsParty(ctx, scope, async ({ trx, repo, conversation, parties, own, now }) => {
		refuseIf(ratingRefusal(own, conversation.phase));
		const { instrumentId, content } = await loadContent(ctx, trx, conversation);
		// A child answers with a smiley: only the smiley values are valid for a child's party.
		const allowed = own.kind === 'participant' && own.audience === 'child' ? smileyValues(content) : null;
		refuseIf(findRatingProblem(values, itemKeys(content), allowed));
		await repo.insertRatings({
			organisationId,
			conversationId,
			partyId: own.id,
			instrumentId,
			values: values as Record<string, number>,
			now
		});
		if (!(await repo.markSubmitted(organisationId, conversationId, own.id, now))) throw domainError('conversation.already_submitted');
		const after = parties.map((p) => (p.id === own.id ? { ...p, submittedAt: now } : p));
		const revealed = await revealIfComplete(repo, conversation, after, now);
		const audit: AuditEvents = [
			{ action: 'conversation.ratings_submitted', details: { partyId: own.id, items: Object.keys(values).length } }
		];
		if (revealed) audit.push({ action: 'conversation.revealed', details: { auto: true } });
		return { result: { revealed }, audit, eventType: revealed ? 'phase.changed' : 'party.submitted' };
	});
}

/**
 * The professional reveals with those who have submitted (at least one client party); the
 * others are shown as not submitted and can no longer submit.
 */
export async function revealNow({ ctx, actor, conversationId }: Input): Promise<void> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	const scope = { actor, organisationId: staff.organisationId, conversationId, as: 'professional' as const, action: 'revealNow' as const };
	await changeConversation(ctx, scope, async ({ repo, conversation, now }) => {
		const parties = await repo.listParties(staff.organisationId, conversation.id);
		if (!canRevealEarly(parties)) throw domainError('conversation.nobody_submitted');
		await repo.updateConversation(staff.organisationId, conversation.id, { phase: 'revealed', revealedAt: now });
		const submitted = parties.filter((p) => p.submittedAt !== null).length;
		return {
			result: undefined,
			audit: [{ action: 'conversation.revealed', details: { auto: false, submitted, notSubmitted: parties.length - submitted } }],
			eventType: 'phase.changed'
		};
	});
}

export interface ReflectionInput {
	itemKey: string;
	mostSatisfied?: string | null;
	leastSatisfied?: string | null;
}

/**
 * What the actor's own party is most and least satisfied with, for any number of items at once
 * (after the reveal): one form holds every item, so saving never loses what was typed in another.
 * Only items whose text changed are written; emptying an item clears it. An unknown item or a
 * text that is too long refuses the whole save.
 */
export async function saveReflections({ ctx, actor, conversationId, reflections }: Input & { reflections: readonly ReflectionInput[] }) {
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'change' });
	// One entry per item; a repeated item counts as written last.
	const byItem = new Map(reflections.map((entry) => [entry.itemKey, entry]));
	const submitted = [...byItem.values()].map((entry) => ({
		itemKey: entry.itemKey,
		mostSatisfied: entry.mostSatisfied?.trim() || null,
		leastSatisfied: entry.leastSatisfied?.trim() || null
	}));
	if (submitted.some((r) => isTooLong(r.mostSatisfied, NOTE_MAX_LENGTH) || isTooLong(r.leastSatisfied, NOTE_MAX_LENGTH)))
		throw domainError('conversation.text_too_long');
	const organisationId = party.organisationId;
	const scope = { actor, organisationId, conversationId, as: party.kind, action: 'saveReflection' as const };
	await changeConversation(ctx, scope, async ({ trx, repo, conversation, now }) => {
		const { content } = await loadContent(ctx, trx, conversation);
		const known = itemKeys(content);
		if (submitted.some((r) => !known.includes(r.itemKey))) throw domainError('conversation.unknown_item');
		const stored = await repo.listReflections(organisationId, conversationId, [party.partyId]);
		const changed = changedReflections(stored, submitted);
		for (const reflection of changed)
			await repo.saveReflection({ organisationId, conversationId, partyId: party.partyId, ...reflection, now });
		return {
			result: undefined,
			audit: changed.map((r) => ({ action: 'conversation.reflection_saved', details: { partyId: party.partyId, itemKey: r.itemKey } })),
			eventType: 'reflection.saved'
		};
	});
}
