import { redirect } from '@sveltejs/kit';
import { echoAnswers, readRatingValues, readTextAnswers, SHOWN_INSTRUMENT_FIELD } from '#lib/components/conversation/rating-form.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError } from '#lib/server/http/forms.ts';
import { redirectWithSecret, takeSecret, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import {
	createClientLink,
	getMyMomentInstrument,
	submitMyInstrumentRatings
} from '#lib/server/trajectories/trajectories.instruments.usecases.ts';
import type { Actions, PageServerLoad } from './$types';

/** The instrument the page's form showed (requireShownInstrument). */
const shownInstrumentOf = (formData: FormData) => {
	const shown = formData.get(SHOWN_INSTRUMENT_FIELD);
	return typeof shown === 'string' ? shown.slice(0, 200) : undefined;
};

/** A moment's instrument as a participant rates it, and the personal link for their client (shown once). */
export const load: PageServerLoad = async ({ locals, params, url, cookies, isDataRequest }) => {
	const ctx = getAppContext();
	const input = { ctx, actor: locals.actor, trajectoryId: params.trajectoryId, momentId: params.momentId };
	const instrument = await getMyMomentInstrument({ ...input, locale: getLocale() });
	const shown = await takeSecret<string>({ url, cookies, isDataRequest, locals }, ctx);
	return {
		trajectoryId: params.trajectoryId,
		momentId: params.momentId,
		instrument,
		rated: url.searchParams.get('done') === 'rated',
		clientLink: shown?.state === 'show' ? shown.secret : null,
		linkAlreadyShown: shown?.state === 'spent'
	};
};

export const actions = {
	rate: async ({ request, locals, params }) => {
		const formData = await request.formData();
		const values = readRatingValues(formData);
		const texts = readTextAnswers(formData);
		try {
			await submitMyInstrumentRatings({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				momentId: params.momentId,
				values,
				texts,
				shownInstrumentKey: shownInstrumentOf(formData)
			});
		} catch (caught) {
			return failFromError(caught, echoAnswers(values, texts));
		}
		redirect(303, `/trajectories/${params.trajectoryId}/me/moments/${params.momentId}/instrument?done=rated`);
	},
	clientLink: async (event) => {
		const { locals, params, url, request } = event;
		const ctx = getAppContext();
		const shownInstrumentKey = shownInstrumentOf(await request.formData());
		let token: string;
		try {
			({ token } = await createClientLink({
				ctx,
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				momentId: params.momentId,
				shownInstrumentKey
			}));
		} catch (caught) {
			return failFromError(caught);
		}
		return redirectWithSecret(event, ctx, {
			secret: `${url.origin}/t/${token}`,
			location: `/trajectories/${params.trajectoryId}/me/moments/${params.momentId}/instrument`
		});
	}
} satisfies Actions satisfies RedirectOnSuccess;
