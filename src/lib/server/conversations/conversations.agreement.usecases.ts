import type { Actor } from '#lib/server/access/actor.ts';
import { requirePartyRule } from '#lib/server/access/party-doors.ts';
import { isCalendarDate, todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { ReviewOutcome } from '#lib/server/db/schema.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { changeAsParty, changeConversation, leadChange, refuseIf } from './conversations.change.ts';
import type { ChangeScope } from './conversations.change.ts';
import { agreementsUnderReview, phaseAfterReview } from './conversations.models.ts';
import { reviewAgreementRefusal } from './conversations.policy.ts';
import {
	findAgreementProblem,
	isTooLong,
	NOTE_MAX_LENGTH,
	REVIEW_FOLLOW_UPS,
	REVIEW_OUTCOMES,
	type AgreementInput,
	type ReviewFollowUp
} from './conversations.schemas.ts';

type Input = { ctx: AppContext; actor: Actor; conversationId: string };

/** The agreements this conversation looks back on, with the ids of those it has reviewed and the participants' choices. */
async function loadReview({ repo, conversation }: ChangeScope) {
	const agreements = await repo.listAgreements(conversation.organisationId, conversation.collaborationId);
	const reviews = await repo.listReviews(conversation.organisationId, [conversation.id]);
	const reviewed = new Map(reviews.map((review) => [review.agreementId, review]));
	const choices = await repo.listReviewChoices(conversation.organisationId, conversation.id);
	const choicesFor = (agreementId: string) =>
		choices.filter((choice) => choice.agreementId === agreementId).map((choice) => choice.outcome);
	return { agreements, reviewed, choicesFor, underReview: agreementsUnderReview(agreements, new Set(reviewed.keys()), conversation.id) };
}

export interface ReviewInput {
	agreementId: string;
	outcome: ReviewOutcome;
	note?: string | null;
	/** 'carryOver' copies an unfinished agreement as a new open one; 'keepOpen' leaves it open as it is. */
	followUp?: ReviewFollowUp;
	/** The carried-over copy's date; empty keeps the agreement's date. */
	dueOn?: string | null;
}

/**
 * Records how an open agreement went: done, partly or not done, with a note. Until the review
 * is finished a review can be given again; it then replaces the earlier one (and its copy).
 */
export async function reviewAgreement({ ctx, actor, conversationId, input }: Input & { input: ReviewInput }): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'reviewAgreement');
	const followUp = input.followUp ?? 'none';
	const note = input.note?.trim() || null;
	if (!REVIEW_OUTCOMES.includes(input.outcome) || !REVIEW_FOLLOW_UPS.includes(followUp)) throw domainError('conversation.invalid_review');
	if (input.outcome === 'done' && followUp !== 'none') throw domainError('conversation.invalid_review');
	if (isTooLong(note, NOTE_MAX_LENGTH)) throw domainError('conversation.text_too_long');
	const dueOn = input.dueOn || null;
	if (dueOn && (followUp !== 'carryOver' || !isCalendarDate(dueOn))) throw domainError('conversation.invalid_review');
	if (dueOn && dueOn < todayInAmsterdam(ctx.clock.now())) throw domainError('conversation.date_in_past');
	const organisationId = staff.organisationId;
	await changeConversation(ctx, scope, async (change) => {
		const { repo, conversation, now } = change;
		const { agreements, reviewed, underReview, choicesFor } = await loadReview(change);
		const agreement = underReview.find((a) => a.id === input.agreementId);
		if (!agreement) throw domainError('not_found');
		refuseIf(reviewAgreementRefusal(input.outcome, choicesFor(agreement.id)));
		const earlier = reviewed.get(agreement.id);
		if (earlier) {
			await repo.deleteReview(organisationId, conversation.id, earlier.id);
			const copy = agreements.find((a) => a.carriedOverFrom === agreement.id && a.conversationId === conversation.id);
			if (copy) await repo.deleteAgreement(organisationId, conversation.collaborationId, copy.id);
		}
		await repo.insertReview({
			id: newId(),
			organisationId,
			agreementId: agreement.id,
			conversationId: conversation.id,
			outcome: input.outcome,
			note,
			carriedOver: followUp === 'carryOver',
			createdAt: now
		});
		await repo.updateAgreement(organisationId, agreement.id, { status: followUp === 'keepOpen' ? 'open' : input.outcome });
		if (followUp === 'carryOver') {
			const { id: _id, status: _status, carriedOverFrom: _from, createdAt: _created, ...copied } = agreement;
			const copy = { ...copied, id: newId(), organisationId, conversationId: conversation.id, dueOn: dueOn ?? agreement.dueOn };
			await repo.insertAgreement({ ...copy, status: 'open', carriedOverFrom: agreement.id, createdAt: now });
		}
		const details = { agreementId: agreement.id, outcome: input.outcome, followUp, replaced: earlier !== undefined };
		return { result: undefined, audit: [{ action: 'conversation.agreement_reviewed', details }], eventType: 'review.saved' };
	});
}

/**
 * A participant's own choice of how an agreement under review went, beside the professional's.
 * Choosing again replaces it. The professional records the outcome only when it matches
 * (reviewAgreementRefusal); nothing here moves the conversation on.
 */
export async function chooseReviewOutcome({
	ctx,
	actor,
	conversationId,
	agreementId,
	outcome
}: Input & { agreementId: string; outcome: ReviewOutcome }): Promise<void> {
	if (actor.type !== 'participant') throw domainError('not_found');
	if (!REVIEW_OUTCOMES.includes(outcome)) throw domainError('conversation.invalid_review');
	const party = await requirePartyRule({ db: ctx.db, actor, conversationId, purpose: 'change' });
	await changeAsParty(ctx, { actor, party, conversationId, action: 'chooseReviewOutcome' }, async (change) => {
		const { underReview } = await loadReview(change);
		const agreement = underReview.find((a) => a.id === agreementId);
		if (!agreement) throw domainError('not_found');
		const { organisationId, id } = change.conversation;
		await change.repo.saveReviewChoice({
			organisationId,
			conversationId: id,
			agreementId,
			partyId: change.own.id,
			outcome,
			updatedAt: change.now
		});
		return {
			result: undefined,
			audit: [{ action: 'conversation.review_chosen', details: { agreementId, outcome } }],
			eventType: 'review.chosen'
		};
	});
}

/** On to rating (a learning conversation: to safety), once every agreement under review has an outcome. */
export async function finishReview({ ctx, actor, conversationId }: Input): Promise<void> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'finishReview');
	await changeConversation(ctx, scope, async (change) => {
		const { reviewed, underReview, choicesFor } = await loadReview(change);
		if (underReview.some((agreement) => !reviewed.has(agreement.id))) throw domainError('conversation.review_incomplete');
		// A participant may have chosen otherwise after the professional recorded the outcome.
		for (const review of reviewed.values()) refuseIf(reviewAgreementRefusal(review.outcome, choicesFor(review.agreementId)));
		await change.repo.updateConversation(staff.organisationId, change.conversation.id, {
			phase: phaseAfterReview(change.conversation.method)
		});
		return {
			result: undefined,
			audit: [{ action: 'conversation.review_finished', details: { reviewed: reviewed.size } }],
			eventType: 'phase.changed'
		};
	});
}

/**
 * The one SMART agreement of this conversation: what, who, by when, and how we will know it
 * worked — all required. Saving again changes it until the conversation closes.
 */
export async function saveAgreement({
	ctx,
	actor,
	conversationId,
	input
}: Input & { input: AgreementInput }): Promise<{ agreementId: string }> {
	const { staff, scope } = await leadChange(ctx, actor, conversationId, 'saveAgreement');
	refuseIf(findAgreementProblem(input, todayInAmsterdam(ctx.clock.now())));
	const fields = {
		what: input.what.trim(),
		who: input.who,
		whoOther: input.who === 'other' ? (input.whoOther?.trim() ?? null) : null,
		dueOn: input.dueOn,
		successMeasure: input.successMeasure.trim()
	};
	const organisationId = staff.organisationId;
	return changeConversation(ctx, scope, async ({ repo, conversation, now }) => {
		const agreements = await repo.listAgreements(organisationId, conversation.collaborationId);
		const existing = agreements.find((a) => a.conversationId === conversation.id && a.carriedOverFrom === null);
		const agreementId = existing?.id ?? newId();
		if (existing) {
			await repo.updateAgreement(organisationId, existing.id, fields);
		} else {
			await repo.insertAgreement({
				...fields,
				id: agreementId,
				organisationId,
				collaborationId: conversation.collaborationId,
				conversationId: conversation.id,
				status: 'open',
				carriedOverFrom: null,
				createdAt: now
			});
		}
		return {
			result: { agreementId },
			audit: [{ action: 'conversation.agreement_saved', details: { agreementId, who: fields.who, changed: existing !== undefined } }],
			eventType: 'agreement.saved'
		};
	});
}
