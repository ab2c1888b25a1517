import { requireAccess } from '#lib/server/access/access.ts';
import { nameWithPaper } from '#lib/server/paper/paper.models.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { AgreementRecord, ReviewRecord } from '#lib/server/conversations/conversations.agreements.repository.ts';
import { createConversationsRepository, type ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import { findPlanTerm, nameParties } from '#lib/server/conversations/conversations.view.usecases.ts';
import type { ClientLocale, PlanTerm } from '#lib/server/db/schema.ts';
import { getInstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import { createLearningRepository } from '#lib/server/learning/learning.repository.ts';
import { createOrganisationsRepository, findClientLocales } from '#lib/server/organisations/organisations.repository.ts';
import { createLinksRepository } from '#lib/server/participation/links.repository.ts';
import { createPreparationRepository } from '#lib/server/preparation/preparation.repository.ts';
import { createReportsRepository } from '#lib/server/reports/reports.repository.ts';
import { cardTitles, reportPdf } from '#lib/server/reports/reports.usecases.ts';
import { createAuditRepository } from '#lib/server/audit/audit.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { buildClientCopyDocument, clientCopyFileName } from './client-copy.document.ts';
import { buildClientCopy } from './client-copy.models.ts';
import type { ClientCopy, CopySource, CopySourceConversation } from './client-copy.types.ts';
import { canCopyAnswersOf, canCopyPreparation, canCopyWritingOf, copyLanguageOf } from './client-copy.policy.ts';
import { createCollaborationsRepository, type CollaborationRecord } from './collaborations.repository.ts';
import { createParticipantsRepository, type Participant } from './participants.repository.ts';

/**
 * The client's copy of their data (AVG art. 15 and 20; docs/decisions/011-data-lifecycle.md):
 * one participant's, made by a professional of the collaboration (collaboration.clientCopy) as a
 * PDF to read or JSON to take along, in the participant's own language unless the professional
 * chooses another the organisation offers. Every copy made is audited: who, which participant,
 * which format and language — ids and codes only.
 */

export type ClientCopyFormat = 'pdf' | 'json';

/** The newest entries of the access log a copy lists; years of daily use stay well below it. */
const CLIENT_COPY_ACCESS_LIMIT = 20_000;

interface CopyInput {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	participantId: string;
	/** `?lang=`: another of the organisation's client languages; absent, the participant's own. */
	language?: string | null;
}

/** Everything the loaders of one copy share. */
interface Loading {
	ctx: AppContext;
	organisationId: string;
	locale: ClientLocale;
	planTerm: PlanTerm;
	participant: Participant;
	agreements: AgreementRecord[];
	reviews: ReviewRecord[];
	titleOf: (deckId: string, cardKey: string) => Promise<string>;
}

/**
 * The participants of the collaboration a copy can be made for, those who stopped too, each with
 * their own language and the languages their copy can be made in.
 */
export async function listClientCopyParticipants({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}) {
	// Who a copy can be made for is what the collaboration page shows anyway: read with the page's own
	// permission, so the access log says "copy" only when a copy is made (getClientCopy*), not on every
	// view of the page (an outside review, 2026-12-06). collaboration.clientCopy grants the same roles.
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const participants = await createParticipantsRepository(ctx.db).listParticipants(staff.organisationId, collaborationId, {
		includeRemoved: true
	});
	const offered = await findClientLocales(ctx.db, staff.organisationId);
	return participants.map((p) => ({
		id: p.id,
		displayName: p.displayName,
		removed: p.removedAt !== null,
		locale: p.locale,
		languages: offered.includes(p.locale) ? offered : [p.locale, ...offered]
	}));
}

async function loadLearningParts(load: Loading, conversationId: string, ownPartyId: string) {
	const { ctx, organisationId } = load;
	const reports = createReportsRepository(ctx.db);
	const mine = <T extends { partyId: string }>(rows: T[]) => rows.filter((row) => canCopyWritingOf(ownPartyId, row.partyId));
	const topics: { id: string; title: string }[] = [];
	for (const topic of await reports.listTopics(organisationId, conversationId)) {
		const title = topic.deckId && topic.cardKey ? await load.titleOf(topic.deckId, topic.cardKey) : '';
		topics.push({ id: topic.id, title: [title, topic.ownText ?? ''].filter(Boolean).join(': ') });
	}
	const safety = mine(await reports.listSafety(organisationId, conversationId))[0];
	const evaluation = mine(await reports.listEvaluations(organisationId, conversationId))[0];
	const wishes = [];
	for (const wish of mine(await reports.listHandedWishes(organisationId, conversationId)))
		wishes.push(await load.titleOf(wish.deckId, wish.cardKey));
	const moments = mine(await createLearningRepository(ctx.db).listMoments({ organisationId, conversationId }));
	return {
		safety: safety ? { suggestions: safety.suggestions, ownWords: safety.ownWords } : null,
		topics: topics.map((topic) => topic.title),
		sheets: mine(await reports.listSheets(organisationId, conversationId)).map((sheet) => ({
			topic: topics.find((topic) => topic.id === sheet.topicId)?.title ?? '—',
			aText: sheet.aText,
			bText: sheet.bText,
			cText: sheet.cText,
			paperFilledOn: sheet.paperFilledOn
		})),
		wishes,
		moments: moments.map(({ atSeconds, note }) => ({ atSeconds, note })),
		evaluation: evaluation ? { clarity: evaluation.clarity, overall: evaluation.overall, remark: evaluation.remark } : null
	};
}

/** The participant's own preparation, once shared; another party's is never even read. */
async function loadPreparation(load: Loading, conversation: ConversationRecord, ownPartyId: string) {
	const conversationId = conversation.id;
	const repo = createPreparationRepository(load.ctx.db);
	const own = (await repo.listVisible(load.organisationId, conversationId, ownPartyId)).find((p) =>
		canCopyWritingOf(ownPartyId, p.partyId)
	);
	if (!own || !canCopyPreparation(own)) return null;
	const cards = [];
	for (const card of await repo.listVisibleCards(load.organisationId, conversationId, ownPartyId)) {
		if (canCopyWritingOf(ownPartyId, card.partyId)) cards.push(await load.titleOf(card.deckId, card.cardKey));
	}
	const { partyId: _party, ...preparation } = own;
	return { ...preparation, cards };
}

async function loadConversation(load: Loading, conversation: ConversationRecord, ownPartyId: string): Promise<CopySourceConversation> {
	const { ctx, organisationId } = load;
	const repo = createConversationsRepository(ctx.db);
	const named = await nameParties(ctx.db, conversation, await repo.listParties(organisationId, conversation.id), load.locale);
	// Answers typed in from a paper form say so in the copy too (docs/decisions/020).
	const parties = named.map((p) => ({
		id: p.id,
		kind: p.kind,
		name: nameWithPaper(p.displayName ?? '—', p.paperFilledOn, load.locale),
		audience: p.audience
	}));
	const visible = parties.filter((p) =>
		canCopyAnswersOf({ method: conversation.method, phase: conversation.phase, ownPartyId, answerPartyId: p.id })
	);
	const instrument = conversation.instrumentId
		? await getInstrumentForConversation(ctx, {
				organisationId,
				instrumentId: conversation.instrumentId,
				audience: load.participant.audience,
				locale: load.locale,
				planTerm: load.planTerm
			})
		: null;
	const whatOf = (agreementId: string) => load.agreements.find((a) => a.id === agreementId)?.what ?? '—';
	const learning = conversation.method === 'learningConversation';
	const empty = { safety: null, topics: [], sheets: [], wishes: [], moments: [], evaluation: null };
	return {
		method: conversation.method,
		phase: conversation.phase,
		startedAt: conversation.startedAt,
		endedAt: conversation.endedAt,
		scheduledOn: learning ? ((await createLinksRepository(ctx.db).findScheduledOn(organisationId, conversation.id)) ?? null) : null,
		summary: conversation.summary,
		ownPartyId,
		parties,
		instrument: instrument && { name: instrument.name, version: instrument.version, items: instrument.items, scale: instrument.scale },
		ratings: await repo.listRatings(
			organisationId,
			[conversation.id],
			visible.map((p) => p.id)
		),
		texts: await repo.listTextAnswers(
			organisationId,
			[conversation.id],
			visible.map((p) => p.id)
		),
		reflections: await repo.listReflections(organisationId, conversation.id, [ownPartyId]),
		reviewChoices: (await repo.listReviewChoices(organisationId, conversation.id))
			.filter((choice) => canCopyWritingOf(ownPartyId, choice.partyId))
			.map((choice) => ({ agreement: whatOf(choice.agreementId), outcome: choice.outcome })),
		preparation: learning ? await loadPreparation(load, conversation, ownPartyId) : null,
		...(learning ? await loadLearningParts(load, conversation.id, ownPartyId) : empty),
		agreements: load.agreements
			.filter((a) => a.conversationId === conversation.id)
			.map((a) => ({ ...a, reviews: load.reviews.filter((r) => r.agreementId === a.id) }))
	};
}

async function loadSource(
	ctx: AppContext,
	staff: StaffActor,
	collaboration: CollaborationRecord,
	participant: Participant,
	locale: ClientLocale
): Promise<CopySource> {
	const organisationId = staff.organisationId;
	const repo = createConversationsRepository(ctx.db);
	const organisation = await createOrganisationsRepository(ctx.db).findById(organisationId);
	if (!organisation) throw domainError('not_found');
	const conversations = (await repo.listForCollaboration(organisationId, collaboration.id)).toReversed();
	const ids = conversations.map((c) => c.id);
	const ownParties = (await repo.listPartiesOf(organisationId, ids)).filter(
		(p) => p.kind === 'participant' && p.participantId === participant.id
	);
	const load: Loading = {
		ctx,
		organisationId,
		locale,
		planTerm: await findPlanTerm(ctx.db, organisationId),
		participant,
		agreements: await repo.listAgreements(organisationId, collaboration.id),
		reviews: await repo.listReviews(organisationId, ids),
		titleOf: await cardTitles(ctx.db, organisationId, locale)
	};
	const copied: CopySourceConversation[] = [];
	const links: CopySource['links'] = [];
	const linksRepo = createLinksRepository(ctx.db);
	for (const conversation of conversations) {
		const own = ownParties.find((p) => p.conversationId === conversation.id);
		if (!own) continue;
		copied.push(await loadConversation(load, conversation, own.id));
		for (const link of await linksRepo.listLinks(organisationId, conversation.id)) {
			if (!canCopyWritingOf(own.id, link.partyId)) continue;
			const { purpose, createdAt, sentAt, claimedAt, expiresAt, revokedAt } = link;
			links.push({ purpose, createdAt, sentAt, openedAt: claimedAt, expiresAt, revokedAt });
		}
	}
	const [professionals, staffList] = await Promise.all([
		createCollaborationsRepository(ctx.db).listProfessionals(organisationId, collaboration.id),
		createStaffRepository(ctx.db).listStaff(organisationId)
	]);
	return {
		locale,
		generatedAt: ctx.clock.now().toISOString(),
		organisationName: organisation.name,
		collaboration: {
			label: collaboration.label,
			status: collaboration.status,
			startedAt: collaboration.createdAt,
			closedAt: collaboration.closedAt,
			professionals: professionals
				.toSorted((a, b) => (a.role === b.role ? a.addedAt.localeCompare(b.addedAt) : a.role === 'holder' ? -1 : 1))
				.map((p) => ({ name: staffList.find((s) => s.userId === p.userId)?.name ?? '—', role: p.role }))
		},
		participant,
		conversations: copied,
		links,
		access: await listAccessToCollaboration(ctx, organisationId, collaboration.id)
	};
}

/** Who viewed or changed this collaboration's data (access.view / access.change), oldest first. */
async function listAccessToCollaboration(ctx: AppContext, organisationId: string, collaborationId: string) {
	const entries = await createAuditRepository(ctx.db).listAccessEntries(organisationId, { collaborationId }, CLIENT_COPY_ACCESS_LIMIT);
	return entries.filter((entry) => entry.action === 'access.view' || entry.action === 'access.change').toReversed();
}

/**
 * The copy, after the access check: the participant must be one of this collaboration's, and a
 * language asked for must be one the organisation offers (else refused, nothing recorded).
 */
async function makeClientCopy({
	ctx,
	actor,
	collaborationId,
	participantId,
	language
}: CopyInput): Promise<{ staff: StaffActor; copy: ClientCopy }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.clientCopy', ids: [collaborationId] });
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(staff.organisationId, collaborationId);
	const participants = await createParticipantsRepository(ctx.db).listParticipants(staff.organisationId, collaborationId, {
		includeRemoved: true
	});
	const participant = participants.find((p) => p.id === participantId);
	if (!collaboration || !participant) throw domainError('not_found');
	const offered = await findClientLocales(ctx.db, staff.organisationId);
	const locale = copyLanguageOf({ requested: language, own: participant.locale, offered });
	if (!locale) throw domainError('collaboration.locale_not_offered');
	return { staff, copy: buildClientCopy(await loadSource(ctx, staff, collaboration, participant, locale)) };
}

/** Recorded once the file exists: who made a copy of which participant, in which format and language. No content. */
async function auditCopy(input: CopyInput, staff: StaffActor, format: ClientCopyFormat, copy: ClientCopy): Promise<void> {
	await recordAudit(input.ctx.db, input.ctx.clock, {
		actor: input.actor,
		organisationId: staff.organisationId,
		action: 'collaboration.client_copy_made',
		target: { type: 'participant', id: input.participantId },
		details: { collaborationId: input.collaborationId, format, locale: copy.language, conversations: copy.conversations.length }
	});
}

/** The copy as JSON (the ClientCopy shape, docs/client-copy.md). */
export async function getClientCopyJson(input: CopyInput): Promise<{ fileName: string; json: string; copy: ClientCopy }> {
	const { staff, copy } = await makeClientCopy(input);
	const json = JSON.stringify(copy, null, 2);
	await auditCopy(input, staff, 'json', copy);
	return { fileName: `${clientCopyFileName(copy.generatedAt)}.json`, json, copy };
}

/** The copy as a PDF to read, in the copy's language (right to left for Arabic). */
export async function getClientCopyPdf(input: CopyInput): Promise<{ fileName: string; pdf: Buffer }> {
	const { staff, copy } = await makeClientCopy(input);
	const document = buildClientCopyDocument(copy);
	const pdf = await (await reportPdf()).renderReportPdf(document);
	await auditCopy(input, staff, 'pdf', copy);
	return { fileName: `${document.fileName}.pdf`, pdf };
}
