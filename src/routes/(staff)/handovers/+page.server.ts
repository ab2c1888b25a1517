import { handoverFromListSchema, refusalOfHandoverForm } from '#lib/server/collaborations/collaborations.schemas.ts';
import { listHandoverOverview } from '#lib/server/collaborations/handover.list.usecases.ts';
import { handOverCollaboration } from '#lib/server/collaborations/handover.usecases.ts';
import { HANDOVER_NOTE_MAX_LENGTH } from '#lib/server/collaborations/collaborations.schemas.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const overview = await listHandoverOverview({ ctx: getAppContext(), actor: locals.actor });
	const isAdmin = locals.actor.type === 'staff' && locals.actor.roles.includes('admin');
	return { ...overview, isAdmin, noteMaxLength: HANDOVER_NOTE_MAX_LENGTH };
};

export const actions = {
	/** One collaboration to a colleague, by an admin or the holder's team lead. */
	handover: async ({ request, locals, url, cookies }) => {
		const form = validateForm(handoverFromListSchema, await request.formData());
		if (!form.ok) return failValidation(form, refusalOfHandoverForm(form.errors));
		const { collaborationId, ...input } = form.data;
		try {
			await handOverCollaboration({ ctx: getAppContext(), actor: locals.actor, collaborationId, input });
		} catch (caught) {
			return failFromError(caught, { collaborationId, note: input.note });
		}
		redirectWithNotice({ url, cookies }, { message: 'collaboration_handed_over' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
