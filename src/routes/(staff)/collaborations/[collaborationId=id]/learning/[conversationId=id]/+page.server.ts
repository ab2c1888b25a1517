import { error, redirect } from '@sveltejs/kit';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { readSaved } from '#lib/components/learning/learning-forms.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { getCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { getAppContext, type AppContext } from '#lib/server/context.ts';
import { closeConversationSchema, reviewAgreementSchema } from '#lib/server/conversations/conversations.schemas.ts';
import {
	abandonConversation,
	closeConversation,
	finishReview,
	requireConversationInCollaboration,
	reviewAgreement
} from '#lib/server/conversations/conversations.usecases.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { handleLearningForm } from '#lib/server/http/learning-forms.ts';
import {
	actionIdSchema,
	actionSchema,
	evaluationSchema,
	momentIdSchema,
	momentSchema,
	SAFETY_ARRAYS,
	safetySchema,
	sheetSchema,
	topicIdSchema,
	topicSchema,
	wishSchema
} from '#lib/server/learning/learning.schemas.ts';
import {
	addRecordingMoment,
	chooseTopic,
	getLearningConversationForStaff,
	handWish,
	removeAction,
	removeRecordingMoment,
	removeTopic,
	saveAction,
	saveEvaluation,
	saveSafety,
	saveSheet,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics,
	usePreparedMoment
} from '#lib/server/learning/learning.usecases.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { getJoinPanel } from '#lib/server/participation/handover.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A learning conversation as its professional leads it: one panel per phase, following the other devices live. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const view = await getLearningConversationForStaff({
		ctx,
		actor,
		conversationId: params.conversationId,
		locale: staffLocaleOf(getLocale())
	});
	// The URL names the collaboration too: a conversation of another one is not found here.
	if (view.collaborationId !== params.collaborationId) error(404, 'not_found');
	const running = view.phase !== 'closed' && view.phase !== 'abandoned';
	const [collaboration, organisation, panel] = await Promise.all([
		getCollaboration({ ctx, actor, collaborationId: params.collaborationId }),
		getOrganisation({ ctx, actor }),
		running && view.phase !== 'preparation' ? getJoinPanel({ ctx, actor, conversationId: view.id, origin: url.origin }) : null
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
		saved: readSaved(url.searchParams.get('saved')),
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

/** A step that moves the conversation on: afterwards the page is loaded afresh, at its top. */
async function moveOn(event: RequestEvent, step: (input: Lead) => Promise<unknown>) {
	try {
		await step(await lead(event));
	} catch (caught) {
		return failFromError(caught);
	}
	redirect(303, event.url.pathname);
}

/** A form of this page: validated, one usecase, then back to the page at the form (see handleLearningForm). */
function save<S extends Parameters<typeof handleLearningForm>[0]['schema']>(
	event: RequestEvent,
	schema: S,
	call: (lead: Lead, data: import('valibot').InferOutput<S>) => Promise<unknown>,
	options: { arrays?: readonly string[]; anchor?: string } = {}
) {
	return handleLearningForm({
		request: event.request,
		schema,
		page: event.url.pathname,
		...options,
		call: async (data) => call(await lead(event), data)
	});
}

export const actions = {
	start: (event) => moveOn(event, startLearningConversation),
	review: async (event) => {
		const form = validateForm(reviewAgreementSchema, await event.request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await reviewAgreement({ ...(await lead(event)), input: form.data });
		} catch (caught) {
			return failFromError(caught, { ...form.data });
		}
		// Back to the page at the agreement, which says it was saved (Post/Redirect/Get).
		const about = encodeURIComponent(`review-${form.data.agreementId}`);
		redirect(303, `${event.url.pathname}?saved=${about}#${about}`);
	},
	finishReview: (event) => moveOn(event, finishReview),
	safety: (event) => save(event, safetySchema, (input, data) => saveSafety({ ...input, ...data }), { arrays: SAFETY_ARRAYS }),
	startTopics: (event) => moveOn(event, startTopics),
	chooseTopic: (event) => save(event, topicSchema, (input, data) => chooseTopic({ ...input, ...data }), { anchor: 'chosen-title' }),
	removeTopic: (event) => save(event, topicIdSchema, (input, data) => removeTopic({ ...input, ...data }), { anchor: 'chosen-title' }),
	startSheets: (event) => moveOn(event, startSheets),
	usePrepared: (event) => save(event, topicIdSchema, (input, data) => usePreparedMoment({ ...input, ...data })),
	sheet: (event) => save(event, sheetSchema, (input, data) => saveSheet({ ...input, ...data })),
	moment: (event) => save(event, momentSchema, (input, data) => addRecordingMoment({ ...input, ...data }), { anchor: 'moments-title' }),
	removeMoment: (event) =>
		save(event, momentIdSchema, (input, data) => removeRecordingMoment({ ...input, ...data }), { anchor: 'moments-title' }),
	wish: (event) => save(event, wishSchema, (input, data) => handWish({ ...input, ...data })),
	startActions: (event) => moveOn(event, startActions),
	action: (event) =>
		save(event, actionSchema, async (input, { actionId, ...data }) => {
			const { actionId: saved } = await saveAction({ ...input, actionId: actionId || null, input: data });
			return saved;
		}),
	removeAction: (event) => save(event, actionIdSchema, (input, data) => removeAction({ ...input, ...data }), { anchor: 'actions-title' }),
	startEvaluation: (event) => moveOn(event, startEvaluation),
	evaluation: (event) => save(event, evaluationSchema, (input, data) => saveEvaluation({ ...input, ...data })),
	close: async (event) => {
		const form = validateForm(closeConversationSchema, await event.request.formData());
		if (!form.ok) return failValidation({ ...form, values: { ...form.values, section: 'close' } });
		try {
			await closeConversation({ ...(await lead(event)), summary: form.data.summary, nextDueOn: form.data.nextDueOn || null });
		} catch (caught) {
			return failFromError(caught, { ...form.data, section: 'close' });
		}
		redirect(303, event.url.pathname);
	},
	abandon: async (event) => {
		try {
			await abandonConversation(await lead(event));
		} catch (caught) {
			return failFromError(caught);
		}
		redirect(303, `/collaborations/${event.params.collaborationId}?stopped=1`);
	}
} satisfies Actions satisfies RedirectOnSuccess;
