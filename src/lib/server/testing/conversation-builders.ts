import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { getParticipantConversation, startQuickCheck } from '../conversations/conversations.usecases.ts';
import type { Audience, Locale } from '../db/schema.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { addDays } from '../shared/clock.ts';
import { hashToken, newId, newSecretToken } from '../shared/tokens.ts';
import { importInstrument, setCollaborationQuickCheckInstrument } from '../instruments/instruments.import.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { questionnaireText, quickCheckWithWords } from './fhir-questionnaires.ts';

/** Builders for the quick check's tests: a running conversation and the actors taking part in it. */

export const ITEM_KEYS = ['omgang', 'luisteren', 'contact', 'plan', 'afspraken'] as const;

/** The same value for every Samen Sterker item. */
export function ratingsOf(value: number): Record<string, number> {
	return Object.fromEntries(ITEM_KEYS.map((key) => [key, value]));
}

export interface BuiltQuickCheck {
	admin: BuiltStaff;
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	professionalPartyId: string;
	/** One per participant, in the order they were built; each a device bound to its party. */
	participants: ParticipantActor[];
}

/**
 * A participant's device as the participation feature would authenticate it, with its device
 * session stored (own phone, valid for a day): a change reads that session again in its transaction
 * (requireStillTakingPart), as it does for a real device.
 */
export async function participantActorFor(
	ctx: AppContext,
	input: { organisationId: string; conversationId: string; participantId: string; locale?: Locale }
): Promise<ParticipantActor> {
	const parties = await createConversationsRepository(ctx.db).listParties(input.organisationId, input.conversationId);
	const party = parties.find((p) => p.participantId === input.participantId);
	if (!party) throw new Error('no party for this participant');
	const { collaborationId } = await ctx.db
		.selectFrom('conversations')
		.select('collaborationId')
		.where('organisationId', '=', input.organisationId)
		.where('id', '=', input.conversationId)
		.executeTakeFirstOrThrow();
	const deviceSessionId = newId();
	const now = ctx.clock.now();
	await createParticipationRepository(ctx.db).insertDeviceSession({
		id: deviceSessionId,
		tokenHash: hashToken(newSecretToken()),
		organisationId: input.organisationId,
		conversationId: input.conversationId,
		partyId: party.id,
		mode: 'ownDevice',
		now: now.toISOString(),
		expiresAt: addDays(now, 1).toISOString()
	});
	return {
		type: 'participant',
		organisationId: input.organisationId,
		collaborationId,
		conversationId: input.conversationId,
		partyId: party.id,
		participantId: input.participantId,
		deviceSessionId,
		mode: 'ownDevice',
		locale: input.locale ?? 'nl'
	};
}

/** An organisation, a professional, a collaboration with participants, and a quick check started in it. */
export async function buildQuickCheck(
	ctx: AppContext,
	options: { participants?: number; audience?: Audience; rhythmWeeks?: number | null; professional?: BuiltStaff } = {}
): Promise<BuiltQuickCheck> {
	const admin = options.professional ? undefined : await buildOrganisation(ctx);
	const professional = options.professional ?? (await buildStaff(ctx, admin!, { roles: ['professional'] }));
	const collaboration = await buildCollaboration(ctx, professional, {
		participants: options.participants ?? 1,
		audience: options.audience,
		rhythmWeeks: options.rhythmWeeks
	});
	const { conversationId } = await startQuickCheck({ ctx, actor: professional, collaborationId: collaboration.collaborationId });
	return {
		admin: admin ?? professional,
		professional,
		...(await actorsOf(ctx, professional, conversationId, collaboration.participantIds)),
		collaborationId: collaboration.collaborationId,
		conversationId
	};
}

/** The party ids and participant actors of a conversation that already exists. */
export async function actorsOf(ctx: AppContext, professional: BuiltStaff, conversationId: string, participantIds: readonly string[]) {
	const parties = await createConversationsRepository(ctx.db).listParties(professional.organisationId, conversationId);
	const professionalPartyId = parties.find((p) => p.kind === 'professional' && p.userId === professional.userId)?.id;
	if (!professionalPartyId) throw new Error('no professional party');
	const participants: ParticipantActor[] = [];
	for (const participantId of participantIds) {
		participants.push(await participantActorFor(ctx, { organisationId: professional.organisationId, conversationId, participantId }));
	}
	return { professionalPartyId, participants };
}

/**
 * The conversation as the device's own page (/c) shows it, through the page's one read
 * (getParticipantConversation): the device's own conversation only. Fails the test when /c shows
 * no conversation (session feedback, a learning conversation, a preparation).
 */
export async function readConversationAsParticipant(ctx: AppContext, actor: Actor) {
	const { view } = await getParticipantConversation({ ctx, actor });
	if (!view) throw new Error('/c shows no conversation for this device');
	return view;
}

/** The SRS-like line of quickCheckWithWords() (0–10, stored 0–100), every item at one value. */
export function wordsLineOf(value: number): Record<string, number> {
	return { relatie: value, doelen: value, aanpak: value, algemeen: value };
}

/**
 * A running quick check whose collaboration uses quickCheckWithWords() (issue 14): the line, a
 * nominal choice ('plek') and free text ('toelichting'), with one participant.
 */
export async function buildQuickCheckWithWords(ctx: AppContext, options: { audience?: Audience; locale?: Locale } = {}) {
	const admin = await buildOrganisation(ctx);
	const professional = await buildStaff(ctx, admin, { roles: ['professional'], ...(options.locale && { locale: options.locale }) });
	const collaboration = await buildCollaboration(ctx, professional, { participants: 1, audience: options.audience });
	const imported = await importInstrument({
		ctx,
		actor: admin,
		text: questionnaireText(quickCheckWithWords()),
		licenceConfirmed: true,
		locale: 'nl'
	});
	if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
	const collaborationId = collaboration.collaborationId;
	await setCollaborationQuickCheckInstrument({ ctx, actor: professional, collaborationId, key: imported.instrument.key });
	const { conversationId } = await startQuickCheck({ ctx, actor: professional, collaborationId });
	const { participants, professionalPartyId } = await actorsOf(ctx, professional, conversationId, collaboration.participantIds);
	return {
		admin,
		professional,
		collaborationId,
		conversationId,
		client: participants[0]!,
		participantId: collaboration.participantIds[0]!,
		professionalPartyId
	};
}
