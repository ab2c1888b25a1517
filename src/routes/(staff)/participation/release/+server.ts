import { error, redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { errorPageFrom, safeNextPath } from '#lib/server/http/forms.ts';
import { releaseParticipant } from '#lib/server/participation/handover.usecases.ts';
import { partySchema } from '#lib/server/participation/participation.schemas.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RequestHandler } from './$types';

/** Frees a participant's name so they can join again, e.g. on another phone. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const form = validateForm(partySchema, await request.formData());
	if (!form.ok) error(400, 'validation');
	try {
		await releaseParticipant({
			ctx: getAppContext(),
			actor: locals.actor,
			conversationId: form.data.conversationId,
			partyId: form.data.partyId
		});
	} catch (caught) {
		errorPageFrom(caught);
	}
	redirect(303, safeNextPath(form.data.next));
};
