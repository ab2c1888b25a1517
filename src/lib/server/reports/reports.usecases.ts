import type { Kysely } from 'kysely';
import type { StaffLocale } from '#lib/locales.ts';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { requireOwnOutcome } from '#lib/server/access/party-doors.ts';
import { nameWithPaper } from '#lib/server/paper/paper.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository, type ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import { findPlanTerm, nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import { visibleTexts } from '#lib/server/conversations/conversations.views.ts';
import type { Database, ClientLocale } from '#lib/server/db/schema.ts';
import { findCard, renderCard, type Voice } from '#lib/server/decks/decks.models.ts';
import { createDecksRepository } from '#lib/server/decks/decks.repository.ts';
import { getInstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import { createOrganisationsRepository } from '#lib/server/organisations/organisations.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, rateLimited } from '#lib/server/shared/errors.ts';
import { consumeRateLimit, type RateLimitRule } from '#lib/server/shared/rate-limit.ts';
import type { ReportDocument } from './reports.document.ts';
import { sendOutcomeMail } from './reports.mails.ts';
import { inOrganisationWording } from '../wording/wording.usecases.ts';
import { buildOutcomeDocument, buildReportDocument, type ReportData, type ReportParty } from './reports.models.ts';
import { lazy } from '#lib/server/shared/lazy.ts';
import { createReportsRepository } from './reports.repository.ts';

/** pdfkit and the fonts load on the first PDF (decision 023). */
export const reportPdf = lazy(() => import('./reports.pdf.ts'));

export type ReportFormat = 'html' | 'pdf' | 'mail';

/** A deck card's title and question in the reader's language and voice, from the deck version the conversation used. */
async function cardTexts(db: Kysely<Database>, organisationId: string, locale: ClientLocale, voice: Voice = 'client') {
	const decks = createDecksRepository(db);
	const cache = new Map<string, Awaited<ReturnType<typeof decks.findForOrganisation>>>();
	return async (deckId: string, cardKey: string): Promise<{ title: string; question: string }> => {
		if (!cache.has(deckId)) cache.set(deckId, await decks.findForOrganisation(organisationId, deckId));
		const deck = cache.get(deckId);
		const card = deck ? findCard(deck.content, cardKey) : undefined;
		const rendered = card ? renderCard(card, locale, voice) : undefined;
		return { title: rendered?.title ?? cardKey, question: rendered?.front ?? '' };
	};
}

/** A deck card's title in the reader's language, from the deck version the conversation used. */
export async function cardTitles(db: Kysely<Database>, organisationId: string, locale: ClientLocale) {
	const textsOf = await cardTexts(db, organisationId, locale);
	return async (deckId: string, cardKey: string): Promise<string> => (await textsOf(deckId, cardKey)).title;
}

async function loadLearningParts(db: Kysely<Database>, organisationId: string, conversationId: string, locale: ClientLocale, voice: Voice) {
	const repo = createReportsRepository(db);
	const textsOf = await cardTexts(db, organisationId, locale, voice);
	const topics = [];
	for (const topic of await repo.listTopics(organisationId, conversationId)) {
		const title = topic.deckId && topic.cardKey ? (await textsOf(topic.deckId, topic.cardKey)).title : '';
		// An own topic is named in the party's words; a card with words added shows both.
		topics.push({ id: topic.id, title: [title, topic.ownText ?? ''].filter(Boolean).join(': ') });
	}
	const wishes = [];
	for (const wish of await repo.listHandedWishes(organisationId, conversationId)) {
		// A wish card speaks with its question; its short title names it.
		wishes.push({ partyId: wish.partyId, ...(await textsOf(wish.deckId, wish.cardKey)) });
	}
	return {
		topics,
		wishes,
		safety: await repo.listSafety(organisationId, conversationId),
		sheets: await repo.listSheets(organisationId, conversationId),
		moments: await repo.listRecordingMoments(organisationId, conversationId),
		evaluations: await repo.listEvaluations(organisationId, conversationId),
		actions: await repo.listActionDetails(organisationId, conversationId)
	};
}

/** `voice`: whose wording of the cards the reader sees (the professional's report, or the client's outcome). */
async function loadReportData(ctx: AppContext, conversation: ConversationRecord, locale: ClientLocale, voice: Voice): Promise<ReportData> {
	const org = conversation.organisationId;
	const repo = createConversationsRepository(ctx.db);
	const organisation = await createOrganisationsRepository(ctx.db).findById(org);
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(org, conversation.collaborationId);
	if (!organisation || !collaboration) throw domainError('not_found');
	const named = await nameParties(ctx.db, conversation, await repo.listParties(org, conversation.id), locale);
	const parties: ReportParty[] = named.map((p) => ({
		id: p.id,
		kind: p.kind,
		displayName: nameWithPaper(p.displayName ?? '—', p.paperFilledOn, locale),
		audience: p.audience
	}));
	const instrument = conversation.instrumentId
		? await getInstrumentForConversation(ctx, {
				organisationId: org,
				instrumentId: conversation.instrumentId,
				audience: 'adult',
				locale,
				planTerm: await findPlanTerm(ctx.db, org)
			})
		: null;
	// The conversation is closed: every party's answers are open to its professionals.
	const ratings = await repo.listRatings(
		org,
		[conversation.id],
		parties.map((p) => p.id)
	);
	// Answers in words (issue 14) by the ratings' rule (canSeeRatingsOf): a reader who is no party
	// sees a party's only once revealed; a report is of a closed conversation, so everyone's.
	const texts = instrument?.items.some((item) => item.answer)
		? visibleTexts(
				conversation,
				null,
				parties,
				await repo.listTextAnswers(
					org,
					[conversation.id],
					parties.map((p) => p.id)
				)
			)
		: [];
	const agreements = await repo.listAgreements(org, conversation.collaborationId);
	const reviews = await repo.listReviews(org, [conversation.id]);
	const learning = await loadLearningParts(ctx.db, org, conversation.id, locale, voice);
	return {
		locale,
		clientTerm: organisation.clientTerm,
		organisationName: organisation.name,
		collaborationLabel: collaboration.label,
		conversation: {
			method: conversation.method,
			startedAt: conversation.startedAt,
			endedAt: conversation.endedAt,
			summary: conversation.summary
		},
		instrument: instrument && { name: instrument.name, version: instrument.version, items: instrument.items, scale: instrument.scale },
		parties,
		ratings: parties
			.map((p) => ({
				partyId: p.id,
				values: Object.fromEntries(ratings.filter((r) => r.partyId === p.id).map((r) => [r.itemKey, r.value]))
			}))
			.filter((entry) => Object.keys(entry.values).length > 0),
		texts,
		reflections: await repo.listReflections(
			org,
			conversation.id,
			parties.map((p) => p.id)
		),
		reviews: reviews.flatMap((review) => {
			const agreement = agreements.find((a) => a.id === review.agreementId);
			return agreement ? [{ what: agreement.what, outcome: review.outcome, note: review.note, carriedOver: review.carriedOver }] : [];
		}),
		agreements: agreements
			.filter((a) => a.conversationId === conversation.id)
			.map((a) => {
				const action = learning.actions.find((d) => d.agreementId === a.id);
				return {
					what: a.what,
					who: a.who,
					whoOther: a.whoOther,
					dueOn: a.dueOn,
					successMeasure: a.successMeasure,
					status: a.status,
					carriedOver: a.carriedOverFrom !== null,
					actionKind: action?.actionKind ?? null,
					needed: action?.needed ?? null
				};
			}),
		safety: learning.safety,
		topics: learning.topics,
		sheets: learning.sheets,
		wishes: learning.wishes,
		moments: learning.moments,
		evaluations: learning.evaluations,
		generatedAt: ctx.clock.now().toISOString()
	};
}

/**
 * The report of a closed conversation of any method, for one of its collaboration's
 * professionals, in `locale`: the language of the page it is read or downloaded from, not the
 * professional's stored one. Team leads and admins never reach it (not found), and the URL's
 * collaboration must be the conversation's. Every report made is audited, with its format.
 */
export async function getConversationReport(input: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	conversationId: string;
	format: ReportFormat;
	locale: StaffLocale;
}): Promise<ReportDocument> {
	const { ctx, actor, conversationId } = input;
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.report', ids: [conversationId] });
	const conversation = await createConversationsRepository(ctx.db).findConversation(staff.organisationId, conversationId);
	if (!conversation || conversation.collaborationId !== input.collaborationId) throw domainError('not_found');
	if (conversation.phase !== 'closed') throw domainError('report.not_closed');
	const report = buildReportDocument(await loadReportData(ctx, conversation, input.locale, 'professional'));
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: staff.organisationId,
		action: 'report.viewed',
		target: { type: 'conversation', id: conversationId },
		details: { format: input.format, method: conversation.method, locale: input.locale }
	});
	return report;
}

/** The same report as a PDF file. */
export async function getConversationReportPdf(input: Omit<Parameters<typeof getConversationReport>[0], 'format'>) {
	const report = await getConversationReport({ ...input, format: 'pdf' });
	return { fileName: `${report.fileName}.pdf`, pdf: await (await reportPdf()).renderReportPdf(report) };
}

/** A participant's own outcome after the close (docs/decisions/010), and whether it can be mailed to them. */
export async function getOwnOutcome({ ctx, actor, format }: { ctx: AppContext; actor: Actor; format: ReportFormat }) {
	const access = await requireOwnOutcome({ db: ctx.db, actor });
	const locale = actor.type === 'outcomeReader' ? actor.locale : 'nl';
	const conversation = await createConversationsRepository(ctx.db).findConversation(access.organisationId, access.conversationId);
	if (!conversation) throw domainError('not_found');
	// The participant's own language, all six (decision 021, "PDFs"): the page, the PDF and the mail.
	const outcome = buildOutcomeDocument(await loadReportData(ctx, conversation, locale, 'client'), [access.partyId]);
	const participants = await createParticipantsRepository(ctx.db).listParticipants(access.organisationId, conversation.collaborationId, {
		includeRemoved: true
	});
	const email = participants.find((p) => p.id === access.participantId && p.removedAt === null)?.email ?? null;
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: access.organisationId,
		action: 'outcome.viewed',
		target: { type: 'conversation', id: conversation.id },
		details: { format }
	});
	return { outcome, email, readableUntil: actor.type === 'outcomeReader' ? actor.readableUntil : null };
}

export async function getOwnOutcomePdf(input: { ctx: AppContext; actor: Actor }) {
	const { outcome } = await getOwnOutcome({ ...input, format: 'pdf' });
	return { fileName: `${outcome.fileName}.pdf`, pdf: await (await reportPdf()).renderReportPdf(outcome) };
}

/** The language every participant of the conversation reads, or `otherwise` when they differ. */
async function sharedClientLocale(ctx: AppContext, conversation: ConversationRecord, otherwise: ClientLocale): Promise<ClientLocale> {
	const parties = await createConversationsRepository(ctx.db).listParties(conversation.organisationId, conversation.id);
	const participants = await createParticipantsRepository(ctx.db).listParticipants(
		conversation.organisationId,
		conversation.collaborationId,
		{
			includeRemoved: true
		}
	);
	const locales = new Set(
		parties.flatMap((party) =>
			participants.filter((participant) => participant.id === party.participantId).map((participant) => participant.locale)
		)
	);
	return locales.size === 1 ? [...locales][0]! : otherwise;
}

/** A few mails an hour per phone: enough to try again, too few to flood the participant's inbox. */
const OUTCOME_MAILS: RateLimitRule = { limit: 3, windowMs: 60 * 60_000 };

/**
 * Mails the outcome to the address the professional entered for this participant, when the
 * participant asks for it on their phone. Only that address: the phone cannot choose another.
 */
export async function mailOwnOutcome({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<void> {
	const { outcome, email } = await getOwnOutcome({ ctx, actor, format: 'mail' });
	if (!email) throw domainError('outcome.no_address');
	const access = await requireOwnOutcome({ db: ctx.db, actor });
	const limit = await consumeRateLimit(ctx.db, ctx.clock, `outcome-mail:${access.partyId}`, OUTCOME_MAILS);
	if (!limit.allowed) throw rateLimited(limit.retryAfterMs);
	// In the participant's own language with the organisation's own wording; the outcome itself is
	// made in Dutch or English (decision 021) and marked so inside the mail.
	const locale = actor.type === 'outcomeReader' ? actor.locale : outcome.locale;
	await inOrganisationWording(ctx, access.organisationId, () =>
		sendOutcomeMail(ctx, { to: email, locale, outcome, participantId: access.participantId })
	);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: access.organisationId,
		action: 'outcome.mailed',
		target: { type: 'conversation', id: access.conversationId }
	});
}

/**
 * The participants' outcome as a PDF for the professional to hand over or print: for a client
 * who took part on the professional's device (hand-over), whose phone keeps nothing. The same
 * document the client's own phone shows, in the participants' language when they share one, else
 * in `locale`, the language of the page it is downloaded from; the same access as the report.
 */
export async function getConversationOutcomePdf(input: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	conversationId: string;
	locale: StaffLocale;
}) {
	const { ctx, actor, conversationId } = input;
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.report', ids: [conversationId] });
	const conversation = await createConversationsRepository(ctx.db).findConversation(staff.organisationId, conversationId);
	if (!conversation || conversation.collaborationId !== input.collaborationId) throw domainError('not_found');
	if (conversation.phase !== 'closed' || conversation.method === 'sessionFeedback') throw domainError('report.not_closed');
	// The client's document: the cards in the client's words, in the clients' language when they
	// share one (decision 021, "PDFs"), else in the page's.
	const outcome = buildOutcomeDocument(
		await loadReportData(ctx, conversation, await sharedClientLocale(ctx, conversation, input.locale), 'client')
	);
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: staff.organisationId,
		action: 'outcome.viewed',
		target: { type: 'conversation', id: conversationId },
		details: { format: 'pdf', by: 'professional' }
	});
	return { fileName: `${outcome.fileName}.pdf`, pdf: await (await reportPdf()).renderReportPdf(outcome) };
}
