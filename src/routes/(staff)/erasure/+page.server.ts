import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { confirmErasure, listErasureRequests, rejectErasure, requestErasure } from '#lib/server/retention/retention.requests.usecases.ts';
import { erasureDecisionSchema, erasureRequestSchema, ERASURE_REASONS } from '#lib/server/retention/retention.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const overview = await listErasureRequests({ ctx: getAppContext(), actor: locals.actor });
	const isAdmin = locals.actor.type === 'staff' && locals.actor.roles.includes('admin');
	return { ...overview, isAdmin, reasons: ERASURE_REASONS };
};

export const actions = {
	request: async ({ request, locals, url, cookies }) => {
		const form = validateForm(erasureRequestSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await requestErasure({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			return failFromError(caught, { reference: form.data.reference, targetType: form.data.targetType, reason: form.data.reason });
		}
		redirectWithNotice({ url, cookies }, { message: 'erasure_requested' });
	},
	confirm: async ({ request, locals, url, cookies }) => {
		const form = validateForm(erasureDecisionSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await confirmErasure({ ctx: getAppContext(), actor: locals.actor, requestId: form.data.requestId });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'erasure_erased' });
	},
	reject: async ({ request, locals, url, cookies }) => {
		const form = validateForm(erasureDecisionSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await rejectErasure({ ctx: getAppContext(), actor: locals.actor, requestId: form.data.requestId });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'erasure_rejected' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
