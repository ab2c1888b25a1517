import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { readDeliveries, scheduleSchema } from '#lib/server/preparation/preparation.schemas.ts';
import { getSchedulingForm, scheduleLearningConversation } from '#lib/server/preparation/schedule.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/** "Plan een Samenleergesprek": the day, and how each participant gets their preparation link. */
export const load: PageServerLoad = async ({ locals, params }) => {
	return {
		plan: await getSchedulingForm({ ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId }).catch(
			errorPageFrom
		)
	};
};

// Not `satisfies RedirectOnSuccess` (see src/routes/post-redirect-get.test.ts): shows the printable links once,
// and the database keeps only its hash, so the page after a redirect could not show it.
export const actions = {
	default: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const form = validateForm(scheduleSchema, formData);
		if (!form.ok) return failValidation(form);
		const deliveries = readDeliveries(formData);
		let scheduled;
		try {
			scheduled = await scheduleLearningConversation({
				ctx: getAppContext(),
				actor: locals.actor,
				collaborationId: params.collaborationId,
				scheduledOn: form.data.scheduledOn,
				deliveries
			});
		} catch (caught) {
			return failFromError(caught, { scheduledOn: form.data.scheduledOn });
		}
		const preparation = `/collaborations/${params.collaborationId}/conversations/${scheduled.conversationId}/preparation`;
		// Printable links exist only now (the database keeps hashes): show them on this answer, not after a redirect.
		if (scheduled.printLinks.length > 0) {
			return {
				planned: true,
				preparation,
				printLinks: scheduled.printLinks,
				mailed: scheduled.mailed.length,
				mailFailed: scheduled.mailFailed.length
			};
		}
		redirect(303, `${preparation}?planned=${scheduled.mailed.length}${scheduled.mailFailed.length > 0 ? '&mailFailed=1' : ''}`);
	}
} satisfies Actions;
