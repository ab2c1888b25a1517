import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { readDeliveries, scheduleSchema } from '#lib/server/preparation/preparation.schemas.ts';
import { getSchedulingForm, scheduleLearningConversation } from '#lib/server/preparation/schedule.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { redirectWithSecret, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** "Plan een Samenleergesprek": the day, and how each participant gets their preparation link. */
export const load: PageServerLoad = async ({ locals, params }) => {
	return {
		plan: await getSchedulingForm({ ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId }).catch(
			errorPageFrom
		)
	};
};

export const actions = {
	default: async (event) => {
		const { request, locals, params } = event;
		const formData = await request.formData();
		const form = validateForm(scheduleSchema, formData);
		if (!form.ok) return failValidation(form);
		const deliveries = readDeliveries(formData);
		const ctx = getAppContext();
		let scheduled;
		try {
			scheduled = await scheduleLearningConversation({
				ctx,
				actor: locals.actor,
				collaborationId: params.collaborationId,
				scheduledOn: form.data.scheduledOn,
				deliveries
			});
		} catch (caught) {
			return failFromError(caught, form.echo.values);
		}
		const preparation = `/collaborations/${params.collaborationId}/conversations/${scheduled.conversationId}/preparation`;
		const location = `${preparation}?planned=${scheduled.mailed.length}${scheduled.mailFailed.length > 0 ? '&mailFailed=1' : ''}`;
		// Printable links exist only now (the database keeps hashes): the preparation page shows them once.
		if (scheduled.printLinks.length > 0) {
			return redirectWithSecret(event, ctx, { secret: { printLinks: scheduled.printLinks }, location: `${location}#print-title` });
		}
		redirect(303, location);
	}
} satisfies Actions satisfies RedirectOnSuccess;
