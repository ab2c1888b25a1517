import { error, fail, redirect } from '@sveltejs/kit';
import { echoAnswers, RATING_INPUT_ERRORS, readRatingValues, readTextAnswers } from '#lib/components/conversation/rating-form.ts';
import { getAppContext } from '#lib/server/context.ts';
import { getFeedbackForParticipant, submitSessionFeedback } from '#lib/server/feedback/feedback.usecases.ts';
import { errorPageFrom, failFromError } from '#lib/server/http/forms.ts';
import { getParticipantHome } from '#lib/server/participation/participation.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Session feedback on the participant's phone (or a handed-over device): one page with the four
 * questions, then thanks. A handed-over device shows nothing of the answers once they are sent.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	try {
		const home = await getParticipantHome({ ctx, actor: locals.actor });
		if (home.method !== 'sessionFeedback') redirect(303, '/c');
		const view = await getFeedbackForParticipant({ ctx, actor: locals.actor, conversationId: home.conversationId });
		const own = view.parties.find((party) => party.isViewer);
		const screen = view.canSubmit ? 'rate' : own?.submitted && home.mode === 'handover' ? 'handBack' : 'sent';
		return { home, screen, view: screen === 'handBack' ? null : view } as const;
	} catch (caught) {
		errorPageFrom(caught);
	}
};

export const actions = {
	rate: async ({ request, locals }) => {
		const actor = locals.actor;
		if (actor.type !== 'participant') error(404, 'not_found');
		const formData = await request.formData();
		const values = readRatingValues(formData);
		const texts = readTextAnswers(formData);
		let closed: boolean;
		try {
			({ closed } = await submitSessionFeedback({ ctx: getAppContext(), actor, conversationId: actor.conversationId, values, texts }));
		} catch (caught) {
			// A question left open (a choice in words not made too) is marked at the question itself.
			if (isDomainError(caught) && (RATING_INPUT_ERRORS.includes(caught.code) || caught.code === 'trajectory.invalid_answer')) {
				return fail(400, { ratingError: caught.code, ratingValues: echoAnswers(values, texts) });
			}
			// Text with control characters or too long: said above the form, and what was typed stays.
			if (isDomainError(caught) && caught.code.startsWith('instruments.answer_')) {
				return fail(caught.status, { formError: caught.publicCode, ratingValues: echoAnswers(values, texts) });
			}
			return failFromError(caught);
		}
		// The last answers close the feedback, and with it this device's session: an own phone says
		// thanks on a page of its own; a handed-over device goes back to the professional.
		redirect(303, closed && actor.mode === 'ownDevice' ? '/feedback/sent' : '/c/feedback');
	}
} satisfies Actions satisfies RedirectOnSuccess;
