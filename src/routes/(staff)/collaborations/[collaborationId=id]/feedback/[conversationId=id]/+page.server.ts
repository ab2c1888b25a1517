import { error, redirect } from '@sveltejs/kit';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { requireConversationInCollaboration } from '#lib/server/conversations/conversations.usecases.ts';
import { abandonSessionFeedback, closeSessionFeedback, getFeedbackForStaff } from '#lib/server/feedback/feedback.usecases.ts';
import { failFromError } from '#lib/server/http/forms.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { getJoinPanel } from '#lib/server/participation/handover.usecases.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Session feedback as the professional follows it: who is done (not what), then the answers once it closes. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const view = await getFeedbackForStaff({ ctx, actor, conversationId: params.conversationId });
	// The URL names the collaboration too: feedback of another one is not found here.
	if (view.collaborationId !== params.collaborationId) error(404, 'not_found');
	const running = view.phase === 'rating';
	const [collaboration, organisation, panel] = await Promise.all([
		getCollaboration({ ctx, actor, collaborationId: params.collaborationId }),
		getOrganisation({ ctx, actor }),
		running ? getJoinPanel({ ctx, actor, conversationId: view.id, origin: url.origin }) : null
	]);
	return {
		view,
		collaboration: { id: collaboration.id, label: collaboration.label },
		clientTerm: organisation.clientTerm,
		panel,
		confirmAbandon: running && url.searchParams.get('confirm') === 'abandon'
	};
};

/** Every action first checks that the conversation belongs to the collaboration in the URL. */
async function act(event: RequestEvent, change: typeof closeSessionFeedback, next: string) {
	const input = { ctx: getAppContext(), actor: event.locals.actor, conversationId: event.params.conversationId };
	try {
		await requireConversationInCollaboration({ ...input, collaborationId: event.params.collaborationId });
		await change(input);
	} catch (caught) {
		return failFromError(caught);
	}
	redirect(303, next);
}

export const actions: Actions = {
	close: (event) => act(event, closeSessionFeedback, event.url.pathname),
	abandon: (event) => act(event, abandonSessionFeedback, `/collaborations/${event.params.collaborationId}?stopped=1`)
};
