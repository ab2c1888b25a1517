import { error, redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { requireConversationInCollaboration } from '#lib/server/conversations/conversations.usecases.ts';
import { abandonSessionFeedback, closeSessionFeedback, getFeedbackForStaff } from '#lib/server/feedback/feedback.usecases.ts';
import { feedbackPartySchema } from '#lib/server/feedback/feedback.schemas.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { getJoinPanel } from '#lib/server/participation/handover.usecases.ts';
import {
	createParticipantLink,
	listParticipantLinks,
	revokeParticipantLinks,
	sendParticipantLink
} from '#lib/server/participation/links.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithNotice, redirectWithSecret, takeSecret, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Session feedback as the professional follows it: who is done (not what), then the answers once it closes. */
export const load: PageServerLoad = async ({ locals, params, url, cookies, isDataRequest }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const view = await getFeedbackForStaff({ ctx, actor, conversationId: params.conversationId, locale: staffLocaleOf(getLocale()) });
	// The URL names the collaboration too: feedback of another one is not found here.
	if (view.collaborationId !== params.collaborationId) error(404, 'not_found');
	const running = view.phase === 'rating';
	// A link made to print or show: shown on this load only (the database keeps its hash).
	const shown = running ? await takeSecret<ShownLink>({ url, cookies, isDataRequest, locals }, ctx) : null;
	const [collaboration, organisation, panel, links] = await Promise.all([
		getCollaboration({ ctx, actor, collaborationId: params.collaborationId }),
		getOrganisation({ ctx, actor }),
		running ? getJoinPanel({ ctx, actor, conversationId: view.id, origin: url.origin }) : null,
		running ? listParticipantLinks({ ctx, actor, conversationId: view.id, purpose: 'sessionFeedback' }) : null
	]);
	return {
		view,
		collaboration: { id: collaboration.id, label: collaboration.label },
		clientTerm: organisation.clientTerm,
		panel,
		links,
		shownLink: shown?.state === 'show' ? shown.secret : null,
		linkAlreadyShown: shown?.state === 'spent',
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

/** A link action for one participant: the feedback must belong to the collaboration in the URL. */
async function forParty<T>(event: RequestEvent, change: (input: LinkInput) => Promise<T>) {
	const form = validateForm(feedbackPartySchema, await event.request.formData());
	if (!form.ok) return { failed: failValidation(form) };
	const input = { ctx: getAppContext(), actor: event.locals.actor, conversationId: event.params.conversationId };
	try {
		await requireConversationInCollaboration({ ...input, collaborationId: event.params.collaborationId });
		const result = await change({ ...input, partyId: form.data.partyId, purpose: 'sessionFeedback' });
		return { result, partyId: form.data.partyId };
	} catch (caught) {
		return { failed: failFromError(caught) };
	}
}

type LinkInput = Parameters<typeof sendParticipantLink>[0];

interface ShownLink {
	partyId: string;
	url: string;
	qrDataUrl: string;
	displayName: string;
	expiresAt: string;
}

export const actions = {
	/** Mails a personal link to the participant (any earlier unopened one stops working). */
	sendLink: async (event) => {
		const outcome = await forParty(event, sendParticipantLink);
		if (outcome.failed) return outcome.failed;
		return redirectWithNotice(event, { message: 'feedback_link_sent_done' });
	},
	/** A new link to print or show as a QR code; shown this once, as only its hash is kept. */
	showLink: async (event) => {
		const outcome = await forParty(event, createParticipantLink);
		if (outcome.failed) return outcome.failed;
		const { url, qrDataUrl, displayName, expiresAt } = outcome.result;
		const secret: ShownLink = { partyId: outcome.partyId, url, qrDataUrl, displayName, expiresAt };
		return redirectWithSecret(event, getAppContext(), { secret, location: `${event.url.pathname}#links-title` });
	},
	revokeLink: async (event) => {
		const outcome = await forParty(event, revokeParticipantLinks);
		if (outcome.failed) return outcome.failed;
		return redirectWithNotice(event, { message: 'feedback_link_revoked_done' });
	},
	close: (event) => act(event, closeSessionFeedback, event.url.pathname),
	abandon: (event) => act(event, abandonSessionFeedback, `/collaborations/${event.params.collaborationId}?stopped=1`)
} satisfies Actions satisfies RedirectOnSuccess;
