import { redirect } from '@sveltejs/kit';
import { createCollaborationSchema } from '#lib/server/collaborations/collaborations.schemas.ts';
import { createCollaboration, getCollaborationFormDefaults } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { defaults: await getCollaborationFormDefaults({ ctx: getAppContext(), actor: locals.actor }) };
};

export const actions = {
	default: async ({ request, locals }) => {
		const formData = await request.formData();
		const form = validateForm(createCollaborationSchema, formData);
		if (!form.ok) return failValidation(form);
		let collaborationId: string;
		try {
			({ collaborationId } = await createCollaboration({ ctx: getAppContext(), actor: locals.actor, input: form.data }));
		} catch (caught) {
			return failFromError(caught, Object.fromEntries([...formData].map(([key, value]) => [key, String(value)])));
		}
		redirect(303, `/collaborations/${collaborationId}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
