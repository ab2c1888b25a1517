import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { clearDeviceCookies } from '#lib/server/http/device-session.ts';
import { errorPageFrom } from '#lib/server/http/forms.ts';
import { getParticipantHome, leaveConversation } from '#lib/server/participation/participation.usecases.ts';
import type { Actions, PageServerLoad } from './$types';

/** The participant's landing page: who they are here, and that the conversation will go on from this screen. */
export const load: PageServerLoad = async ({ locals }) => {
	try {
		return { home: await getParticipantHome({ ctx: getAppContext(), actor: locals.actor }) };
	} catch (caught) {
		errorPageFrom(caught);
	}
};

export const actions: Actions = {
	leave: async ({ locals, cookies, url }) => {
		try {
			await leaveConversation({ ctx: getAppContext(), actor: locals.actor });
		} catch (caught) {
			errorPageFrom(caught);
		}
		clearDeviceCookies(cookies, url.protocol === 'https:');
		redirect(303, '/join?left=1');
	}
};
