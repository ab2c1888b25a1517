import { redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { listClientCopyParticipants } from '#lib/server/collaborations/client-copy.usecases.ts';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getHandovers } from '#lib/server/collaborations/handover.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { startFeedbackSchema } from '#lib/server/feedback/feedback.schemas.ts';
import { startSessionFeedback } from '#lib/server/feedback/feedback.usecases.ts';
import { conversationIdSchema } from '#lib/server/conversations/conversations.schemas.ts';
import {
	abandonConversation,
	getCollaborationTimeline,
	requireConversationInCollaboration,
	startQuickCheck
} from '#lib/server/conversations/conversations.usecases.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { findPlannedLearningConversation } from '#lib/server/preparation/schedule.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const collaborationId = params.collaborationId;
	// The overview first: it is the access check and the audited read of this page.
	const collaboration = await getCollaboration({ ctx, actor, collaborationId });
	const [timeline, organisation, learning, handovers, copyParticipants] = await Promise.all([
		getCollaborationTimeline({ ctx, actor, collaborationId, locale: staffLocaleOf(getLocale()) }),
		getOrganisation({ ctx, actor }),
		findPlannedLearningConversation({ ctx, actor, collaborationId }),
		getHandovers({ ctx, actor, collaborationId }),
		listClientCopyParticipants({ ctx, actor, collaborationId })
	]);
	return {
		collaboration,
		timeline: timeline.conversations,
		learning,
		handoverNote: handovers.note,
		handovers: handovers.history,
		copyParticipants,
		clientTerm: organisation.clientTerm,
		confirmAbandon: url.searchParams.get('confirm') === 'abandon',
		stopped: url.searchParams.has('stopped')
	};
};

export const actions = {
	/** Starts a quick check, or goes on with the one that is still running. */
	startQuickCheck: async ({ locals, params }) => {
		let conversationId: string;
		try {
			({ conversationId } = await startQuickCheck({ ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId }));
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/collaborations/${params.collaborationId}/conversations/${conversationId}`);
	},
	/** Asks for session feedback on the spot, or goes on with the one that still waits for answers. */
	startSessionFeedback: async ({ locals, params, request }) => {
		const form = validateForm(startFeedbackSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let conversationId: string;
		try {
			({ conversationId } = await startSessionFeedback({
				ctx: getAppContext(),
				actor: locals.actor,
				collaborationId: params.collaborationId
			}));
		} catch (caught) {
			return failFromError(caught);
		}
		const page = `/collaborations/${params.collaborationId}/feedback/${conversationId}`;
		redirect(303, form.data.via === 'link' ? `${page}#links` : page);
	},
	/** "Stop dit gesprek", after the confirmation step (?confirm=abandon). */
	abandon: async ({ request, locals, params }) => {
		const form = validateForm(conversationIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			const input = { ctx: getAppContext(), actor: locals.actor, conversationId: form.data.conversationId };
			await requireConversationInCollaboration({ ...input, collaborationId: params.collaborationId });
			await abandonConversation(input);
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/collaborations/${params.collaborationId}?stopped=1`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
