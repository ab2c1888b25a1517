import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { createTrajectorySchema } from '#lib/server/trajectories/trajectories.schemas.ts';
import { createTrajectory, getNewTrajectoryDefaults } from '#lib/server/trajectories/trajectories.usecases.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { defaults: await getNewTrajectoryDefaults({ ctx: getAppContext(), actor: locals.actor, locale: staffLocaleOf(getLocale()) }) };
};

export const actions = {
	default: async ({ request, locals }) => {
		const formData = await request.formData();
		const form = validateForm(createTrajectorySchema, formData);
		if (!form.ok) return failValidation(form);
		let trajectoryId: string;
		try {
			({ trajectoryId } = await createTrajectory({ ctx: getAppContext(), actor: locals.actor, input: form.data }));
		} catch (caught) {
			return failFromError(caught, Object.fromEntries([...formData].map(([key, value]) => [key, String(value)])));
		}
		redirect(303, `/trajectories/${trajectoryId}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
