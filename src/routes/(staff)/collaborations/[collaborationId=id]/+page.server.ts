import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { getCollaborationTimeline } from '#lib/server/conversations/conversations.usecases.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const collaborationId = params.collaborationId;
	// The overview first: it is the access check and the audited read of this page.
	const collaboration = await getCollaboration({ ctx, actor, collaborationId });
	const [timeline, organisation] = await Promise.all([
		getCollaborationTimeline({ ctx, actor, collaborationId }),
		getOrganisation({ ctx, actor })
	]);
	return { collaboration, timeline: timeline.conversations, clientTerm: organisation.clientTerm };
};
