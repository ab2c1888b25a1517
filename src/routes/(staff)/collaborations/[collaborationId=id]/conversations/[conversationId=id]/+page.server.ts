import { error, fail, redirect } from '@sveltejs/kit';
import { echoRatingValues, RATING_INPUT_ERRORS, readRatingValues } from '#lib/components/conversation/rating-form.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext, type AppContext } from '#lib/server/context.ts';
import {
	agreementSchema,
	closeConversationSchema,
	presenceSchema,
	reflectionSchema,
	reviewAgreementSchema
} from '#lib/server/conversations/conversations.schemas.ts';
import {
	abandonConversation,
	requireConversationInCollaboration,
	closeConversation,
	finishReview,
	getConversationForStaff,
	getConversationKind,
	markAbsent,
	markPresent,
	revealNow,
	reviewAgreement,
	saveAgreement,
	saveReflection,
	startAgreement,
	startReflection,
	submitRatings
} from '#lib/server/conversations/conversations.usecases.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { getJoinPanel } from '#lib/server/participation/handover.usecases.ts';
import { isDomainError } from '#lib/server/shared/errors.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The quick check as its professional leads it: one panel per phase, following the other devices live. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	// A learning conversation has its own pages: its preparation, then the conversation itself.
	const kind = await getConversationKind({ ctx, actor, conversationId: params.conversationId });
	if (kind.method === 'learningConversation' && kind.collaborationId === params.collaborationId) {
		const base = `/collaborations/${params.collaborationId}`;
		redirect(
			303,
			kind.phase === 'preparation'
				? `${base}/conversations/${params.conversationId}/preparation`
				: `${base}/learning/${params.conversationId}`
		);
	}
	const view = await getConversationForStaff({ ctx, actor, conversationId: params.conversationId });
	// The URL names the collaboration too: a conversation of another one is not found here.
	if (view.collaborationId !== params.collaborationId) error(404, 'not_found');
	const running = view.phase !== 'closed' && view.phase !== 'abandoned';
	const [collaboration, organisation, panel] = await Promise.all([
		getCollaboration({ ctx, actor, collaborationId: params.collaborationId }),
		getOrganisation({ ctx, actor }),
		running ? getJoinPanel({ ctx, actor, conversationId: view.id, origin: url.origin }) : null
	]);
	return {
		view,
		collaboration: {
			id: collaboration.id,
			label: collaboration.label,
			rhythmWeeks: collaboration.rhythmWeeks,
			nextDueOn: collaboration.nextDueOn
		},
		clientTerm: organisation.clientTerm,
		panel,
		confirmAbandon: running && url.searchParams.get('confirm') === 'abandon'
	};
};

type Lead = { ctx: AppContext; actor: Actor; conversationId: string };

/** Every action first checks that the conversation belongs to the collaboration in the URL. */
async function lead({ locals, params }: RequestEvent): Promise<Lead> {
	const input = { ctx: getAppContext(), actor: locals.actor, conversationId: params.conversationId };
	await requireConversationInCollaboration({ ...input, collaborationId: params.collaborationId });
	return input;
}

/** Runs one change; a domain error comes back as the form's message (not found → 404). */
async function attempt<T extends Record<string, unknown>>(change: () => Promise<unknown>, values: Record<string, string>, done: T) {
	try {
		await change();
	} catch (caught) {
		return failFromError(caught, values);
	}
	return done;
}

/** A step that moves the conversation on: afterwards the page is loaded afresh (no re-post on reload). */
async function moveOn(event: RequestEvent, step: (input: Lead) => Promise<unknown>) {
	const result = await attempt(async () => step(await lead(event)), {}, {});
	if ('status' in result) return result;
	redirect(303, event.url.pathname);
}

export const actions: Actions = {
	review: async (event) => {
		const form = validateForm(reviewAgreementSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		const done = { done: 'review', agreementId: form.data.agreementId };
		return attempt(async () => reviewAgreement({ ...(await lead(event)), input: form.data }), { ...form.data }, done);
	},
	finishReview: (event) => moveOn(event, finishReview),
	presence: async (event) => {
		const form = validateForm(presenceSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		const change = { ...(await lead(event)), partyId: form.data.partyId };
		return attempt(() => (form.data.present === 'yes' ? markPresent(change) : markAbsent(change)), {}, { done: 'presence' });
	},
	rate: async (event) => {
		const values = readRatingValues(await event.request.formData());
		try {
			await submitRatings({ ...(await lead(event)), values });
		} catch (caught) {
			if (isDomainError(caught) && RATING_INPUT_ERRORS.includes(caught.code)) {
				return fail(400, { ratingError: caught.code, ratingValues: echoRatingValues(values) });
			}
			return failFromError(caught);
		}
		// Sending may have revealed the answers: show the page as it is now.
		redirect(303, event.url.pathname);
	},
	reveal: (event) => moveOn(event, revealNow),
	startReflection: (event) => moveOn(event, startReflection),
	reflect: async (event) => {
		const form = validateForm(reflectionSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		return attempt(async () => saveReflection({ ...(await lead(event)), ...form.data }), form.data, {
			done: 'reflection',
			itemKey: form.data.itemKey
		});
	},
	startAgreement: (event) => moveOn(event, startAgreement),
	agreement: async (event) => {
		const form = validateForm(agreementSchema, await event.request.formData());
		if (!form.ok) return failValidation({ ...form, values: { ...form.values, section: 'agreement' } });
		return attempt(
			async () => saveAgreement({ ...(await lead(event)), input: form.data }),
			{ ...form.data, section: 'agreement' },
			{ done: 'agreement' }
		);
	},
	close: async (event) => {
		const form = validateForm(closeConversationSchema, await event.request.formData());
		if (!form.ok) return failValidation({ ...form, values: { ...form.values, section: 'close' } });
		const input = { ...(await lead(event)), summary: form.data.summary, nextDueOn: form.data.nextDueOn || null };
		const result = await attempt(() => closeConversation(input), { ...form.data, section: 'close' }, {});
		if ('status' in result) return result;
		redirect(303, event.url.pathname);
	},
	abandon: async (event) => {
		const result = await attempt(async () => abandonConversation(await lead(event)), {}, {});
		if ('status' in result) return result;
		redirect(303, `/collaborations/${event.params.collaborationId}?stopped=1`);
	}
};
