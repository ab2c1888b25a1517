import type { ParticipantActor } from '../access/actor.ts';
import {
	abandonConversation,
	chooseReviewOutcome,
	closeConversation,
	finishReview,
	reviewAgreement,
	saveAgreement,
	saveReflections,
	startAgreement,
	startQuickCheck,
	startReflection,
	submitRatings
} from '../conversations/conversations.usecases.ts';
import { startSessionFeedback, submitSessionFeedback } from '../feedback/feedback.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { participantActorFor, ratingsOf } from './conversation-builders.ts';
import { plantedText } from './erasure-world.ts';
import { feedbackOf } from './feedback-builders.ts';
import { buildLearningConversation, prepare } from './learning-builders.ts';
import type { TestContext } from './test-context.ts';

/**
 * A collaboration with two participants (P1, whose copy is made, and P2) and one of every kind of
 * conversation, with unique text planted in what must be in P1's copy and in what must not.
 */
export interface ClientCopyWorld {
	admin: BuiltStaff;
	professional: BuiltStaff;
	collaborationId: string;
	label: string;
	/** P1 first, then P2. */
	participantIds: [string, string];
	agreementId: string;
	/** (E), the learning conversation that still runs. */
	learningConversationId: string;
	/** Planted text that belongs in P1's copy. */
	inCopy: { agreement: string; reflection: string; reviewNote: string };
	/** P1's own preparation, not shared: never in any copy (a professional makes it). */
	ownPrivatePreparation: string;
	/** Planted text that must never be in P1's copy. */
	notInCopy: { otherReflection: string; otherPrivatePreparation: string; professionalPreparation: string };
}

const P1_UNREVEALED = 90;
const P2_UNREVEALED = 10;
export const REVEALED_VALUES = { p1: 80, p2: 30, professional: 60 } as const;
export const FEEDBACK_VALUES = { p1: 70, p2: 20 } as const;
export const UNREVEALED_VALUES = { p1: P1_UNREVEALED, p2: P2_UNREVEALED } as const;

/** The participants' devices in one conversation, P1 then P2. */
async function devices(ctx: TestContext, professional: BuiltStaff, conversationId: string, participantIds: string[]) {
	const organisationId = professional.organisationId;
	const device = (participantId: string) => participantActorFor(ctx, { organisationId, conversationId, participantId });
	return [await device(participantIds[0]!), await device(participantIds[1]!)] as const;
}

/**
 * In order: (A) a quick check P1 and P2 rated but nobody revealed, then stopped; (B) a closed quick
 * check with everyone's ratings, both participants' reflections and an agreement; (C) the next
 * quick check, whose review judged that agreement "partly" (P1 chose the same) and that still runs;
 * (D) session feedback from both participants; (E) a learning conversation in preparation in which
 * P1 and P2 prepared privately and the professional shared theirs.
 */
export async function buildClientCopyWorld(ctx: TestContext, options: { locale?: 'nl' | 'en' } = {}): Promise<ClientCopyWorld> {
	const admin = await buildOrganisation(ctx);
	const professional = await buildStaff(ctx, admin, { roles: ['professional'], locale: options.locale ?? 'nl' });
	const label = plantedText('Label');
	const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: 2, label });
	const lead = (conversationId: string) => ({ ctx, actor: professional, conversationId });
	const inCopy = {
		agreement: plantedText('Agreement'),
		reflection: plantedText('OwnReflection'),
		reviewNote: plantedText('ReviewNote')
	};
	const ownPrivatePreparation = plantedText('OwnPrivatePreparation');
	const notInCopy = {
		otherReflection: plantedText('OtherReflection'),
		otherPrivatePreparation: plantedText('OtherPrivatePreparation'),
		professionalPreparation: plantedText('ProfessionalPreparation')
	};

	const a = await startQuickCheck({ ctx, actor: professional, collaborationId });
	const [p1a, p2a] = await devices(ctx, professional, a.conversationId, participantIds);
	await submitRatings({ ctx, actor: p1a, conversationId: a.conversationId, values: ratingsOf(P1_UNREVEALED) });
	await submitRatings({ ctx, actor: p2a, conversationId: a.conversationId, values: ratingsOf(P2_UNREVEALED) });
	await abandonConversation(lead(a.conversationId));

	ctx.clock.advance(60_000);
	const b = await startQuickCheck({ ctx, actor: professional, collaborationId });
	const [p1b, p2b] = await devices(ctx, professional, b.conversationId, participantIds);
	await submitRatings({ ctx, actor: p1b, conversationId: b.conversationId, values: ratingsOf(REVEALED_VALUES.p1) });
	await submitRatings({ ctx, actor: p2b, conversationId: b.conversationId, values: ratingsOf(REVEALED_VALUES.p2) });
	await submitRatings({ ctx, actor: professional, conversationId: b.conversationId, values: ratingsOf(REVEALED_VALUES.professional) });
	await startReflection(lead(b.conversationId));
	const reflect = (actor: ParticipantActor, text: string) =>
		saveReflections({ ctx, actor, conversationId: b.conversationId, reflections: [{ itemKey: 'contact', mostSatisfied: text }] });
	await reflect(p1b, inCopy.reflection);
	await reflect(p2b, notInCopy.otherReflection);
	await startAgreement(lead(b.conversationId));
	const agreement = { what: inCopy.agreement, who: 'client' as const, dueOn: '2100-01-31', successMeasure: 'Vier keer gebeld' };
	const { agreementId } = await saveAgreement({ ...lead(b.conversationId), input: agreement });
	await closeConversation({ ...lead(b.conversationId), summary: 'Goed gesprek over bellen.' });

	ctx.clock.advance(60_000);
	const c = await startQuickCheck({ ctx, actor: professional, collaborationId });
	const [p1c] = await devices(ctx, professional, c.conversationId, participantIds);
	await chooseReviewOutcome({ ctx, actor: p1c, conversationId: c.conversationId, agreementId, outcome: 'partly' });
	await reviewAgreement({ ...lead(c.conversationId), input: { agreementId, outcome: 'partly', note: inCopy.reviewNote } });
	await finishReview(lead(c.conversationId));

	ctx.clock.advance(60_000);
	const d = await startSessionFeedback({ ctx, actor: professional, collaborationId });
	const [p1d, p2d] = await devices(ctx, professional, d.conversationId, participantIds);
	await submitSessionFeedback({ ctx, actor: p1d, conversationId: d.conversationId, values: feedbackOf(FEEDBACK_VALUES.p1) });
	await submitSessionFeedback({ ctx, actor: p2d, conversationId: d.conversationId, values: feedbackOf(FEEDBACK_VALUES.p2) });

	ctx.clock.advance(60_000);
	const e = await buildLearningConversation(ctx, { professional, collaborationId });
	const [p1e, p2e] = e.participants as [ParticipantActor, ParticipantActor];
	await prepare(ctx, { actor: p1e, conversationId: e.conversationId, preparation: { wishes: ownPrivatePreparation }, share: false });
	await prepare(ctx, {
		actor: p2e,
		conversationId: e.conversationId,
		preparation: { wishes: notInCopy.otherPrivatePreparation },
		share: false
	});
	await prepare(ctx, { actor: professional, conversationId: e.conversationId, preparation: { wishes: notInCopy.professionalPreparation } });

	return {
		admin,
		professional,
		collaborationId,
		label,
		participantIds: [participantIds[0]!, participantIds[1]!],
		agreementId,
		learningConversationId: e.conversationId,
		inCopy,
		ownPrivatePreparation,
		notInCopy
	};
}
