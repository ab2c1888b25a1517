import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { clearDeviceCookies } from '#lib/server/http/device-session.ts';
import { errorPageFrom, failFromError } from '#lib/server/http/forms.ts';
import { endOutcomeReading } from '#lib/server/participation/participation.usecases.ts';
import { getOwnOutcome, mailOwnOutcome } from '#lib/server/reports/reports.usecases.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** The end screen of a closed conversation on the participant's own phone: what was agreed, to keep. */
export const load: PageServerLoad = async ({ locals }) => {
	try {
		const { outcome, email, readableUntil } = await getOwnOutcome({ ctx: getAppContext(), actor: locals.actor, format: 'html' });
		return { outcome, email: email ? maskAddress(email) : null, readableUntil };
	} catch (caught) {
		errorPageFrom(caught);
	}
};

/** Enough to recognise one's own address on a screen others may see: "a…@example.nl". */
function maskAddress(email: string): string {
	const at = email.lastIndexOf('@');
	return at > 0 ? `${email.charAt(0)}…${email.slice(at)}` : '…';
}

export const actions = {
	mail: async ({ locals, cookies, url }) => {
		try {
			await mailOwnOutcome({ ctx: getAppContext(), actor: locals.actor });
		} catch (caught) {
			return failFromError(caught);
		}
		// The message travels in the notice, not in the address (history, logs).
		redirectWithNotice({ url, cookies }, { message: 'outcome_mail_sent' }, '/c/outcome');
	},
	forget: async ({ locals, cookies, url }) => {
		try {
			await endOutcomeReading({ ctx: getAppContext(), actor: locals.actor });
		} catch (caught) {
			errorPageFrom(caught);
		}
		clearDeviceCookies(cookies, url.protocol === 'https:');
		redirect(303, '/join?left=1');
	}
} satisfies Actions satisfies RedirectOnSuccess;
