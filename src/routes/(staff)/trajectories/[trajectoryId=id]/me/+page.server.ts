import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import {
	addBuddyEntry,
	getMyTrajectory,
	setBuddyEntryShared,
	setMyConsent,
	submitBuddyEvaluation
} from '#lib/server/trajectories/trajectories.participant.usecases.ts';
import { buddyEntrySchema, consentSchema, evaluationSchema, shareEntrySchema } from '#lib/server/trajectories/trajectories.schemas.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** A participant's own trajectory page (staff of any organisation, or a guest). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await getMyTrajectory({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId });
	return { ...view, notice: url.searchParams.get('done') };
};

function back(trajectoryId: string, done: string, anchor = ''): never {
	redirect(303, `/trajectories/${trajectoryId}/me?done=${done}${anchor}`);
}

export const actions = {
	consent: async ({ request, locals, params }) => {
		const form = validateForm(consentSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setMyConsent({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				agree: form.data.decision === 'agree'
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, form.data.decision === 'agree' ? 'agreed' : 'declined');
	},
	entry: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const form = validateForm(buddyEntrySchema, formData);
		if (!form.ok) return failValidation(form);
		try {
			await addBuddyEntry({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, input: form.data });
		} catch (caught) {
			return failFromError(caught, Object.fromEntries([...formData].map(([key, value]) => [key, String(value)])));
		}
		back(params.trajectoryId, 'entry', '#buddy');
	},
	share: async ({ request, locals, params }) => {
		const form = validateForm(shareEntrySchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setBuddyEntryShared({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				entryId: form.data.entryId,
				shared: form.data.shared === 'yes'
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, form.data.shared === 'yes' ? 'shared' : 'unshared', '#buddy');
	},
	evaluation: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const form = validateForm(evaluationSchema, formData);
		if (!form.ok) return failValidation(form);
		try {
			await submitBuddyEvaluation({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, input: form.data });
		} catch (caught) {
			return failFromError(caught, Object.fromEntries([...formData].map(([key, value]) => [key, String(value)])));
		}
		back(params.trajectoryId, 'evaluation', '#evaluation');
	}
} satisfies Actions satisfies RedirectOnSuccess;
