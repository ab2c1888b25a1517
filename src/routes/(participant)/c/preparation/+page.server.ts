import { error, redirect } from '@sveltejs/kit';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import { leaveThisDevice } from '#lib/server/http/device-session.ts';
import { draftScopeOf } from '#lib/server/http/page-form.ts';
import { errorPageFrom, failFromError, failValidation } from '#lib/server/http/forms.ts';
import { participantPageOf } from '#lib/server/participation/participation.models.ts';
import {
	PREPARATION_ARRAYS,
	preparationSchema,
	SHARE_ARRAYS,
	sharePartsSchema,
	toParts,
	toPreparationInput
} from '#lib/server/preparation/preparation.schemas.ts';
import { savePreparation, sharePreparation, takeBackPreparation } from '#lib/server/preparation/preparation.usecases.ts';
import { getParticipantPreparationPage } from '#lib/server/preparation/preparation.view.usecases.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** A participant prepares a learning conversation on their own device: private until they share it. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = getAppContext();
	try {
		// Where the conversation stands and, while it is being prepared, one's own preparation: read once.
		const { home, page } = await getParticipantPreparationPage({ ctx, actor: locals.actor, locale: getLocale() });
		const shown = participantPageOf(home);
		if (shown !== '/c/preparation') redirect(303, shown);
		// Sent whenever this is the device's page; never a redirect to itself.
		if (!page) error(404, 'not_found');
		const step = url.searchParams.get('step');
		return { home, page, saved: url.searchParams.has('saved'), step, draftScope: draftScopeOf(locals.actor, `preparation-${step ?? '1'}`) };
	} catch (caught) {
		errorPageFrom(caught);
	}
};

function conversationOf(actor: App.Locals['actor']): string {
	return actor.type === 'participant' ? actor.conversationId : '';
}

/** The preparation page at a step (1, 2, …); the page itself falls back to the first for a step it does not have. */
function stepPath(step: FormDataEntryValue | string | null, extra = ''): string {
	const number = typeof step === 'string' && /^\d{1,2}$/.test(step) ? step : '1';
	return `/c/preparation?step=${number}${extra}`;
}

export const actions = {
	// Every button of a step saves it; "Volgende" and "Terug" (`goto`) then open another step.
	save: async (event) => {
		const { request, locals, url } = event;
		const formData = await request.formData();
		const form = validateForm(preparationSchema, formData, PREPARATION_ARRAYS);
		if (!form.ok) return failValidation(form);
		try {
			await savePreparation({
				ctx: getAppContext(),
				actor: locals.actor,
				conversationId: conversationOf(locals.actor),
				input: toPreparationInput(form.data)
			});
		} catch (caught) {
			return failFromError(caught);
		}
		const goto = formData.get('goto');
		// "Stoppen op dit apparaat" on a step: saved first, so nothing typed is lost (decision 007).
		if (goto === 'leave') return leaveThisDevice(getAppContext(), event);
		redirect(303, goto ? stepPath(goto) : stepPath(url.searchParams.get('step'), '&saved=1'));
	},
	// From the sharing step or a closed preparation: nothing typed to save.
	leave: (event) => leaveThisDevice(getAppContext(), event),
	// The parts checked are shared; the others stay private (docs/decisions/013).
	share: async ({ request, locals, url }) => {
		const form = validateForm(sharePartsSchema, await request.formData(), SHARE_ARRAYS);
		try {
			if (!form.ok) throw domainError('preparation.invalid_part');
			await sharePreparation({
				ctx: getAppContext(),
				actor: locals.actor,
				conversationId: conversationOf(locals.actor),
				parts: toParts(form.data)
			});
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, stepPath(url.searchParams.get('step'), '#share-title'));
	},
	// A shared part taken back before the conversation starts is private again.
	takeBack: async ({ request, locals, url }) => {
		const form = validateForm(sharePartsSchema, await request.formData(), SHARE_ARRAYS);
		try {
			if (!form.ok) throw domainError('preparation.invalid_part');
			const conversationId = conversationOf(locals.actor);
			await takeBackPreparation({ ctx: getAppContext(), actor: locals.actor, conversationId, parts: toParts(form.data) });
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, stepPath(url.searchParams.get('step'), '#share-title'));
	}
} satisfies Actions satisfies RedirectOnSuccess;
