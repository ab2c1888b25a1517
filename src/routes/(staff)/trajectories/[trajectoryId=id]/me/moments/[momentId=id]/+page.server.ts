import { redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { getMyMomentForm, submitMyMomentResponse } from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import { answersFrom, responseSchema } from '#lib/server/trajectories/trajectories.schemas.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await getMyMomentForm({
		ctx: getAppContext(),
		actor: locals.actor,
		trajectoryId: params.trajectoryId,
		momentId: params.momentId,
		// A guest's client language (hooks.server.ts, GUEST_CLIENT_ROUTES), else the staff language.
		locale: getLocale()
	});
	return { ...view, trajectoryId: params.trajectoryId };
};

export const actions = {
	default: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const form = validateForm(responseSchema, formData);
		const echo = Object.fromEntries([...formData].map(([key, value]) => [key, String(value).slice(0, 2000)]));
		if (!form.ok) return failValidation({ ...form, values: echo });
		try {
			await submitMyMomentResponse({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				momentId: params.momentId,
				input: { ...form.data, answers: answersFrom(formData) }
			});
		} catch (caught) {
			return failFromError(caught, echo);
		}
		redirect(303, `/trajectories/${params.trajectoryId}/me?done=answered`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
