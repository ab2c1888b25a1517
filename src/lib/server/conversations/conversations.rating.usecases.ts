import type { Kysely } from 'kysely';
import { requireAccess, requireParty } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { itemKeys, smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { createInstrumentsRepository } from '#lib/server/instruments/instruments.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { changeConversation, refuseIf, type AuditEvents } from './conversations.change.ts';
import { canRevealEarly, changedReflections } from './conversations.models.ts';
import { revealIfComplete } from './conversations.lead.usecases.ts';
import { ratingRefusal } from './conversations.policy.ts';
import type { ConversationRecord, PartyRecord } from './conversations.repository.ts';
import { findRatingProblem, isTooLong, NOTE_MAX_LENGTH } from './conversations.schemas.ts';

type Input = { ctx: AppContext; actor: Actor; conversationId: string };

async function loadContent(db: Kysely<Database>, conversation: ConversationRecord) {
	const instrument = conversation.instrumentId
		? await createInstrumentsRepository(db).findForOrganisation(conversation.organisationId, conversation.instrumentId)
		: undefined;
	if (!instrument) throw new Error(`conversation ${conversation.id} has no instrument`);
	return { instrumentId: instrument.id, content: instrument.content };
}

/** A child answers with a smiley: only the smiley values are valid for a child's party. */
async function isChildParty(db: Kysely<Database>, conversation: ConversationRecord, party: PartyRecord): Promise<boolean> {
	if (party.kind !== 'participant' || !party.participantId) return false;
	const participants = await createParticipantsRepository(db).listParticipants(conversation.organisationId, conversation.collaborationId, {
		includeRemoved: true
	});
	return participants.some((p) => p.id === party.participantId && p.audience === 'child');
}

/**
 * Stores the actor's own ratings, all items at once (0–100; a child's as 0, 25, 50, 75, 100).
 * Refused, changing nothing: an unknown or missing item, a value out of range, a second
 * submission, or one after the reveal. When every present party has submitted, the
 * conversation reveals by itself.
 */
export async function submitRatings({ ctx, actor, conversationId, values }: Input & { values: Readonly<Record<string, unknown>> }) {
	const party = await requireParty({ db: ctx.db, actor, conversationId });
	const organisationId = party.organisationId;
	const scope = { actor, organisationId, conversationId, as: party.kind, action: 'submitRatings' as const };
	return changeConversation(ctx, scope, async ({ trx, repo, conversation, now }) => {
		const own = (await repo.listParties(organisationId, conversation.id)).find((p) => p.id === party.partyId);
		if (!own) throw domainError('not_found');
		refuseIf(ratingRefusal(own, conversation.phase));
		const { instrumentId, content } = await loadContent(trx, conversation);
		const allowed = (await isChildParty(trx, conversation, own)) ? smileyValues(content) : null;
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
		const revealed = await revealIfComplete(repo, conversation, now);
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
	const party = await requireParty({ db: ctx.db, actor, conversationId });
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
		const { content } = await loadContent(trx, conversation);
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
