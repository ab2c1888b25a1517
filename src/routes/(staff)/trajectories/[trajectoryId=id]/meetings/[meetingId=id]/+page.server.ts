import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { getMeetingForCoordinator, saveAttendance } from '#lib/server/trajectories/trajectories.meetings.usecases.ts';
import { attendanceSchema } from '#lib/server/trajectories/trajectories.schemas.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** One meeting: where, what, and who attended (the coordinator ticks them). */
export const load: PageServerLoad = async ({ locals, params }) => {
	return getMeetingForCoordinator({
		ctx: getAppContext(),
		actor: locals.actor,
		trajectoryId: params.trajectoryId,
		meetingId: params.meetingId
	});
};

export const actions = {
	default: async ({ request, locals, params }) => {
		const form = validateForm(attendanceSchema, await request.formData(), ['present', 'shown']);
		// The page shows no field message: a ticked participant it did not show comes from a stale or hand-made post.
		if (!form.ok) return failValidation(form, 'trajectory.changed_meanwhile');
		try {
			await saveAttendance({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				meetingId: params.meetingId,
				present: form.data.present,
				shown: form.data.shown
			});
		} catch (caught) {
			return failFromError(caught, {}, form.echo.choices);
		}
		redirect(303, `/trajectories/${params.trajectoryId}?done=attendance`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
