import { error, fail, redirect } from '@sveltejs/kit';
import { echoAnswers, readRatingValues, readTextAnswers } from '#lib/components/conversation/rating-form.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import {
	answerClientConsent,
	getClientLinkForm,
	submitClientRatings
} from '#lib/server/trajectories/trajectories.instruments.client-link.usecases.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireClientAddress } from '#lib/server/http/client-address.ts';

/**
 * A client's personal link in a learning trajectory (issue 14): first a consent step (what is
 * asked, who sees it, that no is fine; decision 009), then the items of the moment's instrument,
 * in the client's words, once. Opening the page changes nothing; only the posts save. An unknown
 * link is not found, whatever the reason.
 */
export const load: PageServerLoad = async ({ params, url, getClientAddress }) => {
	try {
		const view = await getClientLinkForm({
			ctx: getAppContext(),
			token: params.token,
			locale: getLocale(),
			clientAddress: requireClientAddress({ getClientAddress })
		});
		return { ...view, thanks: url.searchParams.get('done') === '1' };
	} catch (caught) {
		// Too many wrong links from this address: the page says how long to wait (decision 012).
		if (isDomainError(caught))
			error(caught.code === 'rate_limited' ? caught.status : 404, caught.code === 'rate_limited' ? caught.publicCode : 'not_found');
		throw caught;
	}
};

export const actions = {
	consent: async ({ request, params, locals, url, getClientAddress }) => {
		const agree = (await request.formData()).get('agree');
		if (agree !== 'yes' && agree !== 'no') return fail(400, { consentError: true });
		try {
			await answerClientConsent({
				ctx: getAppContext(),
				actor: locals.actor,
				token: params.token,
				agree: agree === 'yes',
				clientAddress: requireClientAddress({ getClientAddress })
			});
		} catch (caught) {
			if (!isDomainError(caught)) throw caught;
			if (caught.code === 'not_found') error(404, 'not_found');
			if (caught.code === 'rate_limited') error(caught.status, caught.publicCode);
			// Answered, closed or not open: the page itself says where the link stands.
		}
		redirect(303, url.pathname);
	},
	rate: async ({ request, params, locals, url, getClientAddress }) => {
		const formData = await request.formData();
		const values = readRatingValues(formData);
		const texts = readTextAnswers(formData);
		try {
			await submitClientRatings({
				ctx: getAppContext(),
				actor: locals.actor,
				token: params.token,
				values,
				texts,
				clientAddress: requireClientAddress({ getClientAddress })
			});
		} catch (caught) {
			if (!isDomainError(caught)) throw caught;
			if (caught.code === 'not_found') error(404, 'not_found');
			if (caught.code === 'rate_limited') error(caught.status, caught.publicCode);
			return fail(caught.status, { ratingError: caught.publicCode, sent: echoAnswers(values, texts) });
		}
		redirect(303, `${url.pathname}?done=1`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
