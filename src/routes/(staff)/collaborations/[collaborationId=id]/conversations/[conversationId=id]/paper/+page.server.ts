import { echoRatingValues, readRatingValues } from '#lib/components/conversation/rating-form.ts';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { enterPaperAnswers } from '#lib/server/paper/paper.usecases.ts';
import { getPaperView } from '#lib/server/paper/paper.view.usecases.ts';
import type { Actions, PageServerLoad } from './$types';

/** The conversation on paper (docs/decisions/020): its forms to print, and the answers typed in afterwards. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const view = await getPaperView({
			ctx: getAppContext(),
			actor: locals.actor,
			collaborationId: params.collaborationId,
			conversationId: params.conversationId,
			enterFor: url.searchParams.get('party')?.slice(0, 64) ?? null
		});
		return { view, collaborationId: params.collaborationId, conversationId: params.conversationId };
	} catch (caught) {
		errorPageFrom(caught);
	}
};

/** The fields of the entry form that are not answers. */
const ENTRY_FIELDS = ['partyId', 'filledOn'] as const;

export const actions = {
	enter: async (event) => {
		const formData = await event.request.formData();
		const partyId = String(formData.get('partyId') ?? '').slice(0, 64);
		const filledOn = String(formData.get('filledOn') ?? '')
			.trim()
			.slice(0, 20);
		for (const field of ENTRY_FIELDS) formData.delete(field);
		const values = readRatingValues(formData);
		const echo = { ...echoRatingValues(values), filledOn };
		try {
			await enterPaperAnswers({
				ctx: getAppContext(),
				actor: event.locals.actor,
				collaborationId: event.params.collaborationId,
				conversationId: event.params.conversationId,
				partyId,
				filledOn,
				values
			});
		} catch (caught) {
			return failFromError(caught, echo);
		}
		const { collaborationId, conversationId } = event.params;
		redirectWithNotice(event, { message: 'paper_entry_saved' }, `/collaborations/${collaborationId}/conversations/${conversationId}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
