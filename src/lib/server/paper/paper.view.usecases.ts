import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { findPlanTerm, nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import { getInstrumentForConversation, type InstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import type { WordingAudience } from '#lib/server/instruments/instruments.models.ts';
import type { ConversationPhase, Locale } from '#lib/server/db/schema.ts';
import { domainError, type DomainErrorCode } from '#lib/server/shared/errors.ts';
import { canSharePreparation } from '#lib/server/preparation/preparation.policy.ts';
import { createPreparationRepository } from '#lib/server/preparation/preparation.repository.ts';
import { paperCode } from './paper.models.ts';
import { getConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { findCardInDecks, renderDeckCard } from '#lib/server/learning/learning.models.ts';
import { createLearningRepository } from '#lib/server/learning/learning.repository.ts';
import { paperEntryRefusal, paperFeedbackRefusal, paperPreparationRefusal, paperSheetRefusal, PAPER_SHEET_PHASES } from './paper.policy.ts';

export type PaperFormChoice = 'answers' | 'preparation' | 'sheets';

function formsFor(method: PaperView['method'], kind: 'participant' | 'professional', own: boolean): PaperFormChoice[] {
	if (kind === 'professional' && !own) return [];
	if (method === 'learningConversation') return ['preparation', 'sheets'];
	// Session feedback is the client's alone.
	return method === 'sessionFeedback' && kind === 'professional' ? [] : ['answers'];
}

export interface PaperPartyView {
	id: string;
	kind: 'participant' | 'professional';
	displayName: string | null;
	audience: WordingAudience;
	/** Answered (a learning conversation: has a preparation), on a device or from paper. */
	submitted: boolean;
	/** Typed in from paper: the day it was filled in (a learning conversation: its preparation's). */
	paperFilledOn: string | null;
	/** The forms this viewer may print for this party (their own or a client's): the questions, or a learning conversation's preparation and sheets. */
	forms: PaperFormChoice[];
	/** Why its paper cannot be typed in now (already answered, own ratings first, …), or null. */
	entryRefusal: DomainErrorCode | null;
}

export interface PaperView {
	collaborationLabel: string;
	code: string;
	method: 'quickCheck' | 'sessionFeedback' | 'learningConversation';
	phase: string;
	/**
	 * Paper can be typed in: a quick check's and session feedback's answers while they ask for
	 * them, a learning conversation's preparations until it has ended.
	 */
	acceptsEntry: boolean;
	today: string;
	parties: PaperPartyView[];
	/**
	 * The party whose paper is being typed in: with the questions in that party's wording, or (a
	 * learning conversation) the preparation's fields.
	 */
	entry:
		| { kind: 'answers'; party: PaperPartyView; items: InstrumentForConversation['items']; scale: InstrumentForConversation['scale'] }
		| { kind: 'preparation'; party: PaperPartyView }
		| null;
	/** A learning conversation's A/B/C sheets typed in from paper; null for the other methods. */
	sheets: PaperSheetsView | null;
}

export interface PaperSheetsView {
	/** From the sheets step until the conversation ends. */
	accepts: boolean;
	/** Whose side can be typed in: every participant's and the viewer's own (never a co-professional's). */
	parties: { id: string; kind: 'participant' | 'professional'; displayName: string | null }[];
	/** The topics on the list, in their order, titled as the conversation shows them. */
	topics: { id: string; title: string }[];
	/** The party whose paper sheet is being typed in, and the topics whose side of theirs is already written (those take no paper). */
	entry: { party: PaperSheetsView['parties'][number]; written: string[] } | null;
}

/** Whether paper can be typed in now, by the conversation's method and phase. */
function acceptsEntryIn(method: PaperView['method'], phase: string): boolean {
	if (method === 'learningConversation') return canSharePreparation(phase as Parameters<typeof canSharePreparation>[0]);
	return phase === 'rating';
}

/**
 * The conversation's paper page for its professional: a form to print per party, and for the
 * chosen party the questions (or a learning conversation's preparation fields) to type their
 * paper into. Answers and preparations of others are never loaded here: the reveal, the closed
 * feedback and the shared preparations show them as for any answer. Worded in `locale`, the page's language.
 */
export async function getPaperView({
	ctx,
	actor,
	collaborationId,
	conversationId,
	enterFor,
	sheetFor = null,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	conversationId: string;
	enterFor: string | null;
	locale: StaffLocale;
	/** The party whose paper A/B/C sheet is being typed in (a learning conversation). */
	sheetFor?: string | null;
}): Promise<PaperView> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.paperForm', ids: [conversationId] });
	const organisationId = staff.organisationId;
	const repo = createConversationsRepository(ctx.db);
	const conversation = await repo.findConversation(organisationId, conversationId);
	if (!conversation || conversation.collaborationId !== collaborationId) throw domainError('not_found');
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, collaborationId);
	if (!collaboration) throw domainError('not_found');
	const records = await repo.listParties(organisationId, conversationId);
	const named = await nameParties(ctx.db, conversation, records, locale);
	const acceptsEntry = acceptsEntryIn(conversation.method, conversation.phase);
	const preparations = createPreparationRepository(ctx.db);
	const parties: PaperPartyView[] = [];
	for (const party of named) {
		const own = party.kind === 'professional' && party.userId === staff.userId;
		let state = { submitted: party.submittedAt !== null, paperFilledOn: party.paperFilledOn ?? null };
		let refusal: DomainErrorCode | null;
		if (conversation.method === 'learningConversation') {
			// Whether a participant has a preparation, never what it holds: a second one would overwrite it.
			const prepared =
				party.kind === 'participant'
					? await preparations.findPreparedState(organisationId, conversationId, party.id)
					: { prepared: false, paperFilledOn: null };
			state = { submitted: prepared.prepared, paperFilledOn: prepared.paperFilledOn };
			refusal = paperPreparationRefusal(party, { prepared: prepared.prepared, ended: !acceptsEntry });
		} else if (conversation.method === 'sessionFeedback') {
			refusal = paperFeedbackRefusal(records, party.id);
		} else {
			refusal = paperEntryRefusal(records, party.id, staff.userId);
		}
		parties.push({
			id: party.id,
			kind: party.kind,
			displayName: party.displayName,
			audience: party.audience,
			...state,
			forms: formsFor(conversation.method, party.kind, own),
			entryRefusal: acceptsEntry ? refusal : 'conversation.wrong_phase'
		});
	}
	const chosen = parties.find((party) => party.id === enterFor && party.entryRefusal === null);
	let entry: PaperView['entry'] = null;
	if (chosen && conversation.method === 'learningConversation') {
		entry = { kind: 'preparation', party: chosen };
	} else if (chosen && conversation.instrumentId) {
		const instrument = await getInstrumentForConversation(ctx, {
			organisationId,
			instrumentId: conversation.instrumentId,
			audience: chosen.audience,
			locale,
			planTerm: await findPlanTerm(ctx.db, organisationId)
		});
		entry = { kind: 'answers', party: chosen, items: instrument.items, scale: instrument.scale };
	}
	const sheets =
		conversation.method === 'learningConversation'
			? await sheetsViewOf(ctx, conversation, named, { userId: staff.userId, locale }, sheetFor)
			: null;
	return {
		sheets,
		collaborationLabel: collaboration.label,
		code: paperCode(conversationId),
		method: conversation.method,
		phase: conversation.phase,
		acceptsEntry,
		today: todayInAmsterdam(ctx.clock.now()),
		parties,
		entry
	};
}

/**
 * A learning conversation's sheets on paper: whose side can be typed in, the topics, and for the
 * chosen party which topics already hold their side (on a screen or from paper). The sides
 * themselves are not loaded: the conversation shows them, to every party.
 */
async function sheetsViewOf(
	ctx: AppContext,
	conversation: { id: string; organisationId: string; phase: ConversationPhase },
	named: Awaited<ReturnType<typeof nameParties>>,
	staff: { userId: string; locale: Locale },
	sheetFor: string | null
): Promise<PaperSheetsView> {
	const scope = { organisationId: conversation.organisationId, conversationId: conversation.id };
	const learning = createLearningRepository(ctx.db);
	const decks = await getConversationDecks(ctx, scope);
	const topics = (await learning.listTopics(scope)).map((topic) => {
		const found = topic.deckId && topic.cardKey ? findCardInDecks(decks, topic.deckId, topic.cardKey) : null;
		const card = found ? renderDeckCard(found.deck, found.card, staff.locale, 'professional').title : null;
		return { id: topic.id, title: [card, topic.ownText].filter(Boolean).join(': ') };
	});
	const parties = named
		.filter((party) => paperSheetRefusal(named, party.id, staff.userId, { written: false, phase: 'sheets' }) !== 'not_found')
		.map((party) => ({ id: party.id, kind: party.kind, displayName: party.displayName }));
	const accepts = PAPER_SHEET_PHASES.includes(conversation.phase);
	const chosen = accepts ? parties.find((party) => party.id === sheetFor) : undefined;
	const written = chosen
		? (await learning.listSheets(scope))
				.filter((sheet) => sheet.partyId === chosen.id && (sheet.aText !== null || sheet.bText !== null || sheet.cText !== null))
				.map((sheet) => sheet.topicId)
		: [];
	return { accepts, parties, topics, entry: chosen ? { party: chosen, written } : null };
}
