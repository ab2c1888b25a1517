import { todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { refuseIf } from '#lib/server/conversations/conversations.change.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { changeAsEqual, type Input } from './learning.change.ts';
import { findActionProblem, type ActionInput } from './learning.schemas.ts';

/**
 * The actions of a learning conversation: what we keep or change, what is needed, who does
 * what, by when, and how we will know it worked. Each is an agreement of the collaboration, so
 * the next conversation — of any method — reviews it exactly like a quick check's agreement.
 */

/**
 * A new action, or (with `actionId`) a change to one made in this conversation; either party
 * writes it from their own device, with the same rights (docs/decisions/013). Without who or
 * when it is refused.
 */
export async function saveAction(params: Input & { actionId?: string | null; input: ActionInput }): Promise<{ actionId: string }> {
	const { ctx, actionId, input } = params;
	refuseIf(findActionProblem(input, todayInAmsterdam(ctx.clock.now())));
	const fields = {
		actionKind: input.kind,
		what: input.what.trim(),
		needed: input.needed?.trim() || null,
		who: input.who,
		whoOther: input.who === 'other' ? (input.whoOther?.trim() ?? null) : null,
		dueOn: input.dueOn,
		successMeasure: input.successMeasure.trim()
	};
	return changeAsEqual(params, 'saveAction', async ({ repo, conversation, now, organisationId, viewer }) => {
		let id = newId();
		if (actionId) {
			const existing = await repo.findAgreement(organisationId, conversation.collaborationId, actionId);
			// Only an action made in this conversation: an earlier agreement is reviewed, not edited.
			if (!existing || existing.conversationId !== conversation.id || existing.carriedOverFrom !== null) throw domainError('not_found');
			await repo.updateAgreement(organisationId, existing.id, fields);
			id = existing.id;
		} else {
			await repo.insertAgreement({
				...fields,
				id,
				organisationId,
				collaborationId: conversation.collaborationId,
				conversationId: conversation.id,
				status: 'open',
				carriedOverFrom: null,
				createdAt: now
			});
		}
		const details = { agreementId: id, kind: fields.actionKind, who: fields.who, changed: Boolean(actionId), by: viewer.kind };
		return { result: { actionId: id }, audit: [{ action: 'learning.action_saved', details }], eventType: 'action.saved' };
	});
}

/** Either party takes an action of this conversation off the list again. */
export async function removeAction(params: Input & { actionId: string }): Promise<void> {
	const { actionId } = params;
	await changeAsEqual(params, 'removeAction', async ({ repo, conversation, organisationId }) => {
		const existing = await repo.findAgreement(organisationId, conversation.collaborationId, actionId);
		if (!existing || existing.conversationId !== conversation.id || existing.carriedOverFrom !== null) throw domainError('not_found');
		await repo.deleteAgreement(organisationId, conversation.collaborationId, existing.id);
		return {
			result: undefined,
			audit: [{ action: 'learning.action_removed', details: { agreementId: existing.id } }],
			eventType: 'action.removed'
		};
	});
}
