import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { deckSwitchSchema } from '#lib/server/decks/decks.schemas.ts';
import { listDecksForAdmin, setDeckEnabled } from '#lib/server/decks/decks.usecases.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const decks = await listDecksForAdmin({ ctx: getAppContext(), actor: locals.actor }).catch(errorPageFrom);
	const saved = url.searchParams.get('saved');
	const version = Number(url.searchParams.get('version')) || null;
	return { decks, saved: saved && decks.some((deck) => deck.key === saved) ? saved : null, version };
};

export const actions = {
	switch: async ({ request, locals }) => {
		const form = validateForm(deckSwitchSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setDeckEnabled({ ctx: getAppContext(), actor: locals.actor, deckKey: form.data.deckKey, enabled: form.data.enabled === 'on' });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/admin/decks?switched=${encodeURIComponent(form.data.deckKey)}#deck-${form.data.deckKey}`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
