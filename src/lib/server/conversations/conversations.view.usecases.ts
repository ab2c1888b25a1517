import type { StaffLocale } from '#lib/locales.ts';
import type { Kysely } from 'kysely';
import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { readAsOwnParty } from '#lib/server/access/party-doors.ts';
import { createParticipantsRepository } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database, ClientLocale, PlanTerm } from '#lib/server/db/schema.ts';
import { toPlanTerm } from '#lib/server/instruments/instruments.models.ts';
import { participantPageOf, type ParticipantHome } from '#lib/server/participation/participation.models.ts';
import { participantHomeFrom } from '#lib/server/participation/participation.usecases.ts';
import { getInstrumentForConversation, type InstrumentForConversation } from '#lib/server/instruments/instruments.usecases.ts';
import { findPlanTermOf } from '#lib/server/organisations/organisations.repository.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { staffDisplayName } from '#lib/staff-name.ts';
import type { PartyKind } from './conversations.models.ts';
import { canSeeRatingsOf, canSeeReflectionsOf } from './conversations.policy.ts';
import { createConversationsRepository, type ConversationRecord, type PartyRecord } from './conversations.repository.ts';
import { buildTimelineEntry, type TimelineEntry } from './conversations.timeline.ts';
import { buildConversationView, type ConversationView, type ConversationViewInput } from './conversations.views.ts';

type NamedParty = ConversationViewInput['parties'][number];

/**
 * Parties with the names and audiences the viewer sees: clients first (adults, then by name), the
 * professional last, by name or, once their account was deleted, as "former staff member N"
 * (in `locale`, else the page's language).
 */
export async function nameParties(
	db: Kysely<Database>,
	conversation: ConversationRecord,
	parties: readonly PartyRecord[],
	locale?: ClientLocale
): Promise<NamedParty[]> {
	const participants = await createParticipantsRepository(db).listParticipants(conversation.organisationId, conversation.collaborationId, {
		includeRemoved: true
	});
	const named: NamedParty[] = [];
	for (const participant of participants) {
		const party = parties.find((p) => p.kind === 'participant' && p.participantId === participant.id);
		if (party) named.push({ ...party, displayName: participant.displayName, audience: participant.audience });
	}
	const professionals = parties.filter((p) => p.kind === 'professional');
	const userIds = professionals.flatMap((p) => (p.userId ? [p.userId] : []));
	const names = await createStaffRepository(db).findStaffNames(conversation.organisationId, userIds);
	for (const party of professionals) {
		const person = party.userId ? names.get(party.userId) : undefined;
		named.push({ ...party, displayName: person ? staffDisplayName(person, locale) : null, audience: 'professional' });
	}
	return named;
}

export async function findPlanTerm(db: Kysely<Database>, organisationId: string): Promise<PlanTerm> {
	return toPlanTerm(await findPlanTermOf(db, organisationId));
}

/** The conversation and its named parties, as a view begins with them. */
interface ConversationBasis {
	conversation: ConversationRecord;
	parties: NamedParty[];
}

async function readBasis(
	ctx: AppContext,
	organisationId: string,
	conversationId: string,
	locale: ClientLocale
): Promise<ConversationBasis> {
	const repo = createConversationsRepository(ctx.db);
	const conversation = await repo.findConversation(organisationId, conversationId);
	if (!conversation) throw domainError('not_found');
	const parties = await nameParties(ctx.db, conversation, await repo.listParties(conversation.organisationId, conversation.id), locale);
	return { conversation, parties };
}

/**
 * A participant's device reading its own conversation, through readAsOwnParty's door (party-doors.ts):
 * its own party is found among the parties the view reads anyway.
 */
async function readOwnConversation(ctx: AppContext, actor: Actor, conversationId: string) {
	return readAsOwnParty({
		db: ctx.db,
		actor,
		conversationId,
		read: (organisationId, participant) => readBasis(ctx, organisationId, conversationId, participant.locale)
	});
}

async function loadView(
	ctx: AppContext,
	input: { organisationId: string; conversationId: string; viewer: { partyId: string | null; kind: PartyKind }; locale: ClientLocale },
	/** Read already by the caller in this request (getParticipantConversation), else read here. */
	basis?: ConversationBasis
): Promise<ConversationView> {
	const repo = createConversationsRepository(ctx.db);
	const { conversation, parties } = basis ?? (await readBasis(ctx, input.organisationId, input.conversationId, input.locale));
	if (!conversation.instrumentId) throw domainError('not_found');
	const viewerParty = parties.find((party) => party.id === input.viewer.partyId);
	const instrument = await getInstrumentForConversation(ctx, {
		organisationId: conversation.organisationId,
		instrumentId: conversation.instrumentId,
		audience: viewerParty?.audience ?? 'professional',
		locale: input.locale,
		planTerm: await findPlanTerm(ctx.db, conversation.organisationId)
	});
	// Only what the policy lets this viewer see is loaded at all.
	const ratingParties = parties.filter((p) => canSeeRatingsOf(input.viewer.partyId, p.id, conversation.phase)).map((p) => p.id);
	const reflectionParties = parties.filter((p) => canSeeReflectionsOf(input.viewer.partyId, p.id, conversation.phase)).map((p) => p.id);
	return buildConversationView({
		conversation,
		viewer: input.viewer,
		instrument,
		parties,
		ratings: await repo.listRatings(conversation.organisationId, [conversation.id], ratingParties),
		texts: instrument.items.some((item) => item.answer)
			? await repo.listTextAnswers(conversation.organisationId, [conversation.id], ratingParties)
			: [],
		reflections: await repo.listReflections(conversation.organisationId, conversation.id, reflectionParties),
		agreements: await repo.listAgreements(conversation.organisationId, conversation.collaborationId),
		reviews: await repo.listReviews(conversation.organisationId, [conversation.id]),
		reviewChoices: await repo.listReviewChoices(conversation.organisationId, conversation.id)
	});
}

/** Which method a conversation follows and where it stands, so a page can send the professional to its own page; no content. */
export async function getConversationKind({ ctx, actor, conversationId }: { ctx: AppContext; actor: Actor; conversationId: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	const conversation = await createConversationsRepository(ctx.db).findConversation(staff.organisationId, conversationId);
	if (!conversation) throw domainError('not_found');
	return { method: conversation.method, phase: conversation.phase, collaborationId: conversation.collaborationId };
}

/**
 * The conversation as the professional who leads it sees it (a co-professional without a party sees
 * it without own ratings), worded in `locale`: the page's language, not the one stored for them.
 */
export async function getConversationForStaff({
	ctx,
	actor,
	conversationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	locale: StaffLocale;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	const parties = await createConversationsRepository(ctx.db).listParties(staff.organisationId, conversationId);
	const own = parties.find((party) => party.kind === 'professional' && party.userId === staff.userId);
	const viewer = { partyId: own?.id ?? null, kind: 'professional' as const };
	const view = await loadView(ctx, { organisationId: staff.organisationId, conversationId, viewer, locale });
	return view;
}

/**
 * The participant's landing page in one read: where the conversation stands and, when /c shows
 * the conversation itself (not session feedback, a learning conversation or a preparation, which
 * have pages and usecases of their own), the conversation as this device sees it: only its own
 * conversation, in the participant's wording. The conversation and its parties are read once.
 */
export async function getParticipantConversation({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<{
	home: ParticipantHome;
	view: ConversationView | null;
}> {
	if (actor.type !== 'participant') throw domainError('not_found');
	const { participant, basis, own } = await readOwnConversation(ctx, actor, actor.conversationId);
	const { conversation } = basis;
	// A participant party is always named after its participant (nameParties); only a professional's can be null.
	const home = await participantHomeFrom(ctx, participant, conversation, own.displayName ?? '');
	// Another page's, or a learning conversation's own view on /c (learning.usecases.ts): no view here.
	if (participantPageOf(conversation) !== '/c' || conversation.method === 'learningConversation') return { home, view: null };
	const viewer = { partyId: own.id, kind: 'participant' as const };
	const view = await loadView(
		ctx,
		{ organisationId: conversation.organisationId, conversationId: conversation.id, viewer, locale: participant.locale },
		basis
	);
	return { home, view };
}

/** Every conversation of a collaboration, newest first, for its professionals, worded in `locale` (the page's language). */
export async function getCollaborationTimeline({
	ctx,
	actor,
	collaborationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	locale: StaffLocale;
}): Promise<{ conversations: TimelineEntry[] }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const org = staff.organisationId;
	const repo = createConversationsRepository(ctx.db);
	const conversations = await repo.listForCollaboration(org, collaborationId);
	const ids = conversations.map((c) => c.id);
	const allParties = await repo.listPartiesOf(org, ids);
	const agreements = await repo.listAgreements(org, collaborationId);
	const reviews = await repo.listReviews(org, ids);
	const planTerm = await findPlanTerm(ctx.db, org);
	const instruments = new Map<string, InstrumentForConversation>();
	const entries: TimelineEntry[] = [];
	for (const conversation of conversations) {
		const parties = await nameParties(
			ctx.db,
			conversation,
			allParties.filter((p) => p.conversationId === conversation.id),
			locale
		);
		const own = parties.find((p) => p.kind === 'professional' && p.userId === staff.userId)?.id ?? null;
		const visible = parties.filter((p) => canSeeRatingsOf(own, p.id, conversation.phase)).map((p) => p.id);
		let instrument = conversation.instrumentId ? instruments.get(conversation.instrumentId) : undefined;
		if (!instrument && conversation.instrumentId) {
			const input = {
				organisationId: org,
				instrumentId: conversation.instrumentId,
				audience: 'professional' as const,
				locale,
				planTerm
			};
			instrument = await getInstrumentForConversation(ctx, input);
			instruments.set(conversation.instrumentId, instrument);
		}
		const ratings = await repo.listRatings(org, [conversation.id], visible);
		entries.push(
			buildTimelineEntry({ conversation, viewerPartyId: own, instrument: instrument ?? null, parties, ratings, agreements, reviews })
		);
	}
	return { conversations: entries };
}
