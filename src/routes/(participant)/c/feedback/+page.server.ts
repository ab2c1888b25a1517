import { error, redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { getParticipantFeedbackPage, submitSessionFeedback } from '#lib/server/feedback/feedback.usecases.ts';
import { sendAnswers } from '#lib/server/http/answers-form.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { draftScopeOf } from '#lib/server/http/page-form.ts';
import { participantPageOf } from '#lib/server/participation/participation.models.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Session feedback on the participant's phone (or a handed-over device): one page with the four
 * questions, then thanks. A handed-over device shows nothing of the answers once they are sent.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	try {
		// Where the conversation stands and, for session feedback, the feedback: read once.
		const { home, view } = await getParticipantFeedbackPage({ ctx, actor: locals.actor });
		const page = participantPageOf(home);
		if (page !== '/c/feedback') redirect(303, page);
		// Sent whenever this is the device's page; never a redirect to itself.
		if (!view) error(404, 'not_found');
		const own = view.parties.find((party) => party.isViewer);
		const screen = view.canSubmit ? 'rate' : own?.submitted && home.mode === 'handover' ? 'handBack' : 'sent';
		const draftScope = draftScopeOf(locals.actor, `feedback-${screen}`);
		return { home, screen, version: view.version, view: screen === 'handBack' ? null : view, draftScope } as const;
	} catch (caught) {
		errorPageFrom(caught);
	}
};

export const actions = {
	rate: async ({ request, locals }) => {
		const actor = locals.actor;
		if (actor.type !== 'participant') error(404, 'not_found');
		const sent = await sendAnswers(request, (answers) =>
			submitSessionFeedback({ ctx: getAppContext(), actor, conversationId: actor.conversationId, ...answers })
		);
		if (!sent.ok) return sent.failure;
		const { closed } = sent.result;
		// The last answers close the feedback, and with it this device's session: an own phone says
		// thanks on a page of its own; a handed-over device goes back to the professional.
		redirect(303, closed && actor.mode === 'ownDevice' ? '/feedback/sent' : '/c/feedback');
	}
} satisfies Actions satisfies RedirectOnSuccess;
