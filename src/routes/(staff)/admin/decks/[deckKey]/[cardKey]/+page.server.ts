import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { cardTextsSchema, toCardTexts } from '#lib/server/decks/decks.schemas.ts';
import { editDeckCard, getDeckCardForAdmin } from '#lib/server/decks/decks.usecases.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = getAppContext();
	return getDeckCardForAdmin({ ctx, actor: locals.actor, deckKey: params.deckKey, cardKey: params.cardKey }).catch(errorPageFrom);
};

export const actions = {
	default: async ({ request, locals, params }) => {
		const form = validateForm(cardTextsSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const parsed = toCardTexts(form.data);
		if ('field' in parsed) return failValidation({ errors: { [parsed.field]: parsed.message }, values: form.data });
		let result;
		try {
			result = await editDeckCard({
				ctx: getAppContext(),
				actor: locals.actor,
				deckKey: params.deckKey,
				cardKey: params.cardKey,
				texts: parsed.texts
			});
		} catch (caught) {
			return failFromError(caught, form.data);
		}
		redirect(303, `/admin/decks?saved=${encodeURIComponent(params.deckKey)}&version=${result.version}#deck-${params.deckKey}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
