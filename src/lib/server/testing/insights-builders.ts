import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import type { ConversationPhase, ReviewOutcome } from '../db/schema.ts';
import { getCurrentBuiltInInstrument, QUICK_CHECK_INSTRUMENT_KEY } from '../instruments/instruments.usecases.ts';
import { newId } from '../shared/tokens.ts';
import { ITEM_KEYS } from './conversation-builders.ts';

/**
 * Quick checks as they stand after the fact, written through the conversations repository with
 * chosen times: insights tests need many conversations in past quarters, which the usecases
 * (that stamp "now") would take long to make. One test goes through the real usecases as well.
 */

export interface PastQuickCheck {
	organisationId: string;
	collaborationId: string;
	participantIds: readonly string[];
	/** The professional who led it (their party rates as 'professional'). */
	professionalUserId: string;
	endedAt: string;
	/** Per participant, in order: the value for every item (or per item); null = gave no rating. */
	participantValues: readonly (number | Record<string, number> | null)[];
	professionalValue: number | Record<string, number> | null;
	/** Default 'closed'; anything else leaves ratings in a conversation that never counts. */
	phase?: ConversationPhase;
	/** Reviews of earlier agreements, made in this conversation. */
	reviews?: readonly ReviewOutcome[];
	/** Text a client typed: a reflection, and the agreement's words. */
	clientText?: string;
	/** Another instrument than Samen Sterker (then give the values per item). */
	instrumentId?: string;
}

export const CLIENT_TEXT = 'Geheime tekst van de cliënt';

function valuesFor(value: number | Record<string, number>): Record<string, number> {
	return typeof value === 'number' ? Object.fromEntries(ITEM_KEYS.map((key) => [key, value])) : value;
}

export async function buildPastQuickCheck(ctx: AppContext, input: PastQuickCheck): Promise<{ conversationId: string }> {
	const repo = createConversationsRepository(ctx.db);
	const instrument = input.instrumentId ? { id: input.instrumentId } : await getCurrentBuiltInInstrument(ctx, QUICK_CHECK_INSTRUMENT_KEY);
	const { organisationId, collaborationId } = input;
	const conversationId = newId();
	const phase = input.phase ?? 'closed';
	const startedAt = new Date(Date.parse(input.endedAt) - 20 * 60_000).toISOString();
	await repo.insertConversation({
		id: conversationId,
		organisationId,
		collaborationId,
		method: 'quickCheck',
		instrumentId: instrument.id,
		phase,
		startedBy: input.professionalUserId,
		startedAt,
		joinCode: null
	});
	const rate = async (partyId: string, value: number | Record<string, number> | null) => {
		if (value === null) return;
		const values = valuesFor(value);
		await repo.insertRatings({ organisationId, conversationId, partyId, instrumentId: instrument.id, values, now: startedAt });
		if (input.clientText) {
			for (const itemKey of Object.keys(values)) {
				await repo.saveReflection({
					organisationId,
					conversationId,
					partyId,
					itemKey,
					mostSatisfied: input.clientText,
					leastSatisfied: input.clientText,
					mostNotedByProfessional: false,
					leastNotedByProfessional: false,
					now: startedAt
				});
			}
		}
	};
	for (const [index, participantId] of input.participantIds.entries()) {
		const partyId = newId();
		await repo.insertParty({
			id: partyId,
			organisationId,
			conversationId,
			kind: 'participant',
			participantId,
			userId: null,
			present: true
		});
		await rate(partyId, input.participantValues[index] ?? null);
	}
	const professionalPartyId = newId();
	await repo.insertParty({
		id: professionalPartyId,
		organisationId,
		conversationId,
		kind: 'professional',
		participantId: null,
		userId: input.professionalUserId,
		present: true
	});
	await rate(professionalPartyId, input.professionalValue);
	for (const outcome of input.reviews ?? []) {
		const agreementId = newId();
		await repo.insertAgreement({
			id: agreementId,
			organisationId,
			collaborationId,
			conversationId,
			what: input.clientText ?? 'Afspraak',
			who: 'both',
			whoOther: null,
			dueOn: '2100-01-01',
			successMeasure: input.clientText ?? 'Gelukt',
			status: outcome,
			carriedOverFrom: null,
			createdAt: startedAt
		});
		await repo.insertReview({
			id: newId(),
			organisationId,
			agreementId,
			conversationId,
			outcome,
			note: input.clientText ?? null,
			carriedOver: false,
			createdAt: startedAt
		});
	}
	const ended = phase === 'closed' || phase === 'abandoned';
	await repo.updateConversation(organisationId, conversationId, {
		revealedAt: ['revealed', 'reflection', 'agreement', 'closed'].includes(phase) ? startedAt : null,
		endedAt: ended ? input.endedAt : null
	});
	return { conversationId };
}
