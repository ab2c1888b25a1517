import { error, fail, redirect } from '@sveltejs/kit';
import { participantScreen, showsConversation } from '#lib/components/conversation/participant-screen.ts';
import { readSaved } from '#lib/components/learning/learning-forms.ts';
import { sendAnswers } from '#lib/server/http/answers-form.ts';
import { readReflectionForm } from '#lib/components/conversation/reflection-form.ts';
import { getAppContext } from '#lib/server/context.ts';
import * as v from 'valibot';
import { reviewChoiceSchema } from '#lib/server/conversations/conversations.schemas.ts';
import {
	chooseReviewOutcome,
	getParticipantConversation,
	saveReflections,
	submitRatings
} from '#lib/server/conversations/conversations.usecases.ts';
import { leaveThisDevice } from '#lib/server/http/device-session.ts';
import { draftScopeOf } from '#lib/server/http/page-form.ts';
import { errorPageFrom, failFromError } from '#lib/server/http/forms.ts';
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
	getLearningConversationForParticipant,
	handWish,
	removeAction,
	removeRecordingMoment,
	removeTopic,
	saveAction,
	saveEvaluation,
	saveSafety,
	saveSheet,
	usePreparedMoment
} from '#lib/server/learning/learning.usecases.ts';
import { participantPageOf } from '#lib/server/participation/participation.models.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The participant's screen for their conversation: what to do now, in their own words. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = getAppContext();
	try {
		// Where the conversation stands and, for a conversation shown here, the conversation: read once.
		const { home, view } = await getParticipantConversation({ ctx, actor: locals.actor });
		// Session feedback and a learning conversation being prepared have pages of their own.
		const page = participantPageOf(home);
		if (page !== '/c') redirect(303, page);
		const saved = readSaved(url.searchParams.get('saved'));
		if (home.method === 'learningConversation') {
			const learning = await getLearningConversationForParticipant({ ctx, actor: locals.actor, conversationId: home.conversationId });
			const screen = participantScreen({ phase: learning.phase, mode: home.mode, present: true, submitted: false, canRate: false });
			return { home, screen, version: learning.version, view: null, learning, saved, draftScope: draftScopeOf(locals.actor, screen) };
		}
		if (!view) error(404, 'not_found');
		const own = view.parties.find((party) => party.isViewer);
		const screen = participantScreen({
			phase: view.phase,
			mode: home.mode,
			present: own?.present ?? false,
			submitted: own?.submitted ?? false,
			canRate: view.allowedActions.includes('submitRatings')
		});
		// The hand-back screen shows nothing of the conversation, so nothing of it is sent but the
		// version its live stream compares.
		return {
			home,
			screen,
			version: view.version,
			view: showsConversation(screen) ? view : null,
			learning: null,
			saved,
			draftScope: draftScopeOf(locals.actor, screen)
		};
	} catch (caught) {
		errorPageFrom(caught);
	}
};

function conversationOf(actor: App.Locals['actor']): string {
	if (actor.type !== 'participant') error(404, 'not_found');
	return actor.conversationId;
}

type Participant = { ctx: ReturnType<typeof getAppContext>; actor: App.Locals['actor']; conversationId: string };

/** A learning conversation's form on this device: its own conversation only, back to /c afterwards. */
function learningForm<S extends Parameters<typeof handleLearningForm>[0]['schema']>(
	{ request, locals }: RequestEvent,
	schema: S,
	call: (input: Participant, data: import('valibot').InferOutput<S>) => Promise<unknown>,
	arrays?: readonly string[]
) {
	const input = { ctx: getAppContext(), actor: locals.actor, conversationId: conversationOf(locals.actor) };
	return handleLearningForm({ request, schema, arrays, page: '/c', call: (data) => call(input, data) });
}

export const actions = {
	rate: async ({ request, locals }) => {
		const conversationId = conversationOf(locals.actor);
		const sent = await sendAnswers(request, (answers) =>
			submitRatings({ ctx: getAppContext(), actor: locals.actor, conversationId, ...answers })
		);
		if (!sent.ok) return sent.failure;
		redirect(303, '/c');
	},
	// The review is judged together: the participant's own choice beside the professional's.
	reviewChoice: async ({ request, locals }) => {
		const form = Object.fromEntries([...(await request.formData())].map(([key, value]) => [key, String(value)]));
		const parsed = v.safeParse(reviewChoiceSchema, form);
		if (!parsed.success) return fail(400, { formError: 'conversation.review_choice_missing', values: form });
		try {
			const { agreementId, outcome } = parsed.output;
			await chooseReviewOutcome({
				ctx: getAppContext(),
				actor: locals.actor,
				conversationId: conversationOf(locals.actor),
				agreementId,
				outcome
			});
		} catch (caught) {
			return failFromError(caught, form);
		}
		const id = encodeURIComponent(parsed.output.agreementId);
		redirect(303, `/c?saved=${id}#review-${id}`);
	},
	reflect: async ({ request, locals }) => {
		// Every item's fields in one form: saving under one item keeps what was typed in the others.
		const form = readReflectionForm(await request.formData());
		try {
			const conversationId = conversationOf(locals.actor);
			// Notes for another party are the professional's: the usecase refuses them from a client's device.
			const { reflections, notes } = form;
			await saveReflections({ ctx: getAppContext(), actor: locals.actor, conversationId, reflections, notes });
		} catch (caught) {
			return failFromError(caught, form.values);
		}
		const item = form.savedFrom ? encodeURIComponent(form.savedFrom) : null;
		redirect(303, item ? `/c?saved=${item}#reflection-${item}` : '/c?saved=1');
	},
	// The learning conversation, as an equal (docs/decisions/013): safety, topics, the shared sheets,
	// moments, wish cards, actions and one's own evaluation.
	chooseTopic: (event) => learningForm(event, topicSchema, (input, data) => chooseTopic({ ...input, ...data })),
	removeTopic: (event) => learningForm(event, topicIdSchema, (input, data) => removeTopic({ ...input, ...data })),
	action: (event) =>
		learningForm(event, actionSchema, async (input, { actionId, ...data }) => {
			const { actionId: saved } = await saveAction({ ...input, actionId: actionId || null, input: data });
			return saved;
		}),
	removeAction: (event) => learningForm(event, actionIdSchema, (input, data) => removeAction({ ...input, ...data })),
	safety: (event) => learningForm(event, safetySchema, (input, data) => saveSafety({ ...input, ...data }), SAFETY_ARRAYS),
	usePrepared: (event) => learningForm(event, topicIdSchema, (input, data) => usePreparedMoment({ ...input, ...data })),
	sheet: (event) => learningForm(event, sheetSchema, (input, data) => saveSheet({ ...input, ...data })),
	moment: (event) => learningForm(event, momentSchema, (input, data) => addRecordingMoment({ ...input, ...data })),
	removeMoment: (event) => learningForm(event, momentIdSchema, (input, data) => removeRecordingMoment({ ...input, ...data })),
	wish: (event) => learningForm(event, wishSchema, (input, data) => handWish({ ...input, ...data })),
	evaluation: (event) => learningForm(event, evaluationSchema, (input, data) => saveEvaluation({ ...input, ...data })),
	// Someone let in with a personal link has no code: the join page says to open the link again.
	leave: (event) => leaveThisDevice(getAppContext(), event)
} satisfies Actions satisfies RedirectOnSuccess;
