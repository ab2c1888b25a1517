import type { Kysely } from 'kysely';
import type { Actor } from '#lib/server/access/actor.ts';
import { requireParty, requirePartyRule } from '#lib/server/access/party-doors.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database } from '#lib/server/db/schema.ts';
import { itemKeys, smileyValues } from '#lib/server/instruments/instruments.models.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { changeAsParty, changeConversation, leadChange, refuseIf, type AuditEvents } from './conversations.change.ts';
import { canRevealEarly, mergeReflections } from './conversations.models.ts';
import { revealIfComplete } from './conversations.lead.usecases.ts';
import { ratingRefusal } from './conversations.policy.ts';
import type { ConversationRecord } from './conversations.repository.ts';
import { checkAskedAnswers, isTooLong, NOTE_MAX_LENGTH } from './conversations.schemas.ts';

type Input = { ctx: AppContext; actor: Actor; conversationId: string };

/** The conversation's instrument (kept in memory once read: a published version never changes). */
async function loadContent(ctx: AppContext, trx: Kysely<Database>, conversation: ConversationRecord) {
	const { organisationId, instrumentId } = conversation;
	const instrument = instrumentId ? await findPublishedInstrument(ctx, { organisationId, instrumentId }, trx) : undefined;
	if (!instrument) throw new Error(`conversation ${conversation.id} has no instrument`);
	return { instrumentId: instrument.id, content: instrument.content };
}

/**
 * Stores the actor's own ratings, all items at once (0–100; a child's as 0, 25, 50, 75, 100),
 * and their answers in words to an instrument that asks some (issue 14: free text may stay empty,
 * a nominal choice must be made; blind until the reveal like the ratings).
 * Refused, changing nothing: an unknown or missing item, a value out of range, text with control
 * characters or too long, a second submission, or one after the reveal. When every present party has submitted, the
 * conversation reveals by itself. The party's state is checked under the conversation's lock,
 * so of two submissions at once the second sees the first.
 */
export async function submitRatings({
	ctx,
	actor,
	conversationId,
	values,
	texts = {}
}: Input & { values: Readonly<Record<string, unknown>>; texts?: Readonly<Record<string, string>> }) {
	const party = await requirePartyRule({ db: ctx.db, actor, conversationId, purpose: 'change' });
	const organisationId = party.organisationId;
	const scope = { actor, party, conversationId, action: 'submitRatings' as const };
	return changeAsParty(ctx, scope, async ({ trx, repo, conversation, parties, own, now }) => {
		refuseIf(ratingRefusal(own, conversation.phase));
		const { instrumentId, content } = await loadContent(ctx, trx, conversation);
		// A child answers with a smiley: only the smiley values are valid for a child's party.
		const allowed = own.kind === 'participant' && own.audience === 'child' ? smileyValues(content) : null;
		// The line, then the words: the same check as the paper entry (the quick check has no enableWhen, so all are asked).
		const checked = checkAskedAnswers(content, values, texts, allowed);
		if (checked.problem) throw domainError(checked.problem);
		await repo.insertRatings({ organisationId, conversationId, partyId: own.id, instrumentId, values: checked.values, now });
		await repo.saveTextAnswers(organisationId, conversationId, own.id, checked.texts);
		if (!(await repo.markSubmitted(organisationId, conversationId, own.id, now))) throw domainError('conversation.already_submitted');
		const after = parties.map((p) => (p.id === own.id ? { ...p, submittedAt: now } : p));
		const revealed = await revealIfComplete(repo, conversation, after, now);
		const wordCount = Object.keys(checked.texts).length;
		const audit: AuditEvents = [
			{
				action: 'conversation.ratings_submitted',
				details: { partyId: own.id, items: Object.keys(checked.values).length, ...(wordCount > 0 && { words: wordCount }) }
			}
		];
		if (revealed) audit.push({ action: 'conversation.revealed', details: { auto: true } });
		return { result: { revealed }, audit, eventType: revealed ? 'phase.changed' : 'party.submitted' };
	});
}

/**
 * The professional reveals with those who have submitted (at least one client party); the
 * others are shown as not submitted and can no longer submit. Not before the professional rated
 * themselves, when they take part (seed 003: "doe dit vervolgens zelf ook"): after the reveal they
 * could not rate any more, and the comparison the method is about would miss their side.
 */
export async function revealNow({ ctx, actor, conversationId }: Input): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'revealNow');
	await changeConversation(ctx, scope, async ({ repo, conversation, now }) => {
		const parties = await repo.listParties(staff.organisationId, conversation.id);
		if (!canRevealEarly(parties)) throw domainError('conversation.nobody_submitted');
		const own = parties.find((party) => party.kind === 'professional' && party.userId === staff.userId);
		if (own?.present && own.submittedAt === null) throw domainError('conversation.rate_yourself_first');
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
	/** Undefined: the writer did not change this text (what their page showed); what is stored stays. */
	mostSatisfied?: string | null;
	leastSatisfied?: string | null;
}

/** What the professional notes of what a client party says (seed 003: it is spoken). */
export interface NotedReflectionInput extends ReflectionInput {
	partyId: string;
}

function cleanReflection<T extends ReflectionInput>(entry: T): T {
	const clean = (text: string | null | undefined) => (text === undefined ? undefined : text?.trim() || null);
	return { ...entry, mostSatisfied: clean(entry.mostSatisfied), leastSatisfied: clean(entry.leastSatisfied) };
}

/** One entry per party and item; a repeated one counts as written last. */
function lastPerItem<T extends ReflectionInput & { partyId?: string }>(entries: readonly T[]): T[] {
	return [...new Map(entries.map((entry) => [`${entry.partyId ?? ''}|${entry.itemKey}`, cleanReflection(entry)])).values()];
}

/**
 * What the actor's own party is most and least satisfied with, for any number of items at once
 * (after the reveal): one form holds every item, so saving never loses what was typed in another.
 * Only texts the writer changed are written; a text someone else saved meanwhile stays (see
 * mergeReflections); emptying a text clears it. A professional who leads the conversation may
 * also note what a client party says (`notes`), marked as noted by the professional; the client
 * may still type their own. An unknown item, a party that is not a client of this conversation,
 * or a text that is too long refuses the whole save.
 */
export async function saveReflections({
	ctx,
	actor,
	conversationId,
	reflections,
	notes = []
}: Input & { reflections: readonly ReflectionInput[]; notes?: readonly NotedReflectionInput[] }) {
	const party = await requireParty({ db: ctx.db, actor, conversationId, purpose: 'change' });
	// Noting for a client is leading the conversation: the professional's party (requireParty checked
	// conversation.lead); a participant's device is refused (not found).
	if (notes.length > 0 && party.kind !== 'professional') throw domainError('not_found');
	const own = lastPerItem(reflections);
	const noted = lastPerItem(notes);
	if ([...own, ...noted].some((r) => isTooLong(r.mostSatisfied, NOTE_MAX_LENGTH) || isTooLong(r.leastSatisfied, NOTE_MAX_LENGTH)))
		throw domainError('conversation.text_too_long');
	const organisationId = party.organisationId;
	const scope = { actor, organisationId, conversationId, as: party.kind, action: 'saveReflection' as const, logAccess: party.logAccess };
	await changeConversation(ctx, scope, async ({ trx, repo, conversation, now }) => {
		const { content } = await loadContent(ctx, trx, conversation);
		const known = itemKeys(content);
		if ([...own, ...noted].some((r) => !known.includes(r.itemKey))) throw domainError('conversation.unknown_item');
		const clients = (await repo.listParties(organisationId, conversationId)).filter((p) => p.kind === 'participant').map((p) => p.id);
		if (noted.some((n) => !clients.includes(n.partyId))) throw domainError('not_found');
		const writes: { partyId: string; merged: ReturnType<typeof mergeReflections> }[] = [];
		for (const [partyId, entries, byProfessional] of [
			[party.partyId, own, false] as const,
			...clients.map((id) => [id, noted.filter((n) => n.partyId === id), true] as const)
		]) {
			if (entries.length === 0) continue;
			const stored = await repo.listReflections(organisationId, conversationId, [partyId]);
			writes.push({ partyId, merged: mergeReflections(stored, entries, byProfessional) });
		}
		for (const { partyId, merged } of writes)
			for (const reflection of merged) await repo.saveReflection({ organisationId, conversationId, partyId, ...reflection, now });
		return {
			result: undefined,
			audit: writes.flatMap(({ partyId, merged }) =>
				merged.map((r) => ({
					action: 'conversation.reflection_saved',
					details: { partyId, itemKey: r.itemKey, notedByProfessional: partyId !== party.partyId }
				}))
			),
			eventType: 'reflection.saved'
		};
	});
}
