import type { RequestEvent } from '@sveltejs/kit';
import {
	HANDOVER_NOTE_MAX_LENGTH,
	participantIdSchema,
	participantSchema,
	handoverSchema,
	refusalOfHandoverForm,
	professionalSchema,
	updateCollaborationSchema,
	updateParticipantSchema
} from '#lib/server/collaborations/collaborations.schemas.ts';
import {
	closeCollaboration,
	getCollaboration,
	reopenCollaboration,
	updateCollaboration
} from '#lib/server/collaborations/collaborations.usecases.ts';
import { addParticipant, removeParticipant, updateParticipant } from '#lib/server/collaborations/participants.usecases.ts';
import { handOverCollaboration, listHandoverCandidates } from '#lib/server/collaborations/handover.usecases.ts';
import { addCoProfessional, listProfessionalCandidates, removeCoProfessional } from '#lib/server/collaborations/professionals.usecases.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { getAppContext } from '#lib/server/context.ts';
import {
	getCollaborationQuickCheckChoice,
	setCollaborationQuickCheckInstrument
} from '#lib/server/instruments/instruments.import.usecases.ts';
import { instrumentChoiceSchema } from '#lib/server/instruments/instruments.schemas.ts';
import { getOrganisation } from '#lib/server/organisations/organisations.usecases.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const collaboration = await getCollaboration({ ctx, actor, collaborationId: params.collaborationId });
	const open = collaboration.status === 'open';
	const candidates = open ? await listProfessionalCandidates({ ctx, actor, collaborationId: collaboration.id }) : [];
	const handoverCandidates = open ? await listHandoverCandidates({ ctx, actor, collaborationId: collaboration.id }) : [];
	const locale = staffLocaleOf(getLocale());
	const quickCheck = await getCollaborationQuickCheckChoice({ ctx, actor, collaborationId: collaboration.id, locale });
	const { clientLocales } = await getOrganisation({ ctx, actor });
	return {
		collaboration,
		candidates,
		handoverCandidates,
		handoverNoteMaxLength: HANDOVER_NOTE_MAX_LENGTH,
		quickCheck,
		clientLocales
	};
};

type Done =
	| 'details'
	| 'participantAdded'
	| 'participantUpdated'
	| 'participantRemoved'
	| 'professionalAdded'
	| 'professionalRemoved'
	| 'handedOver'
	| 'closed'
	| 'reopened'
	| 'instrument';

/** The message the page shows after each change. */
const NOTICES: Record<Done, string> = {
	details: 'collaboration_saved',
	participantAdded: 'collaboration_participant_added',
	participantUpdated: 'collaboration_saved',
	participantRemoved: 'collaboration_participant_removed',
	professionalAdded: 'collaboration_professional_added',
	professionalRemoved: 'collaboration_professional_removed',
	handedOver: 'collaboration_handed_over',
	closed: 'collaboration_closed_done',
	reopened: 'collaboration_reopened_done',
	instrument: 'instruments_collaboration_saved'
};

/**
 * Runs one change; done, back to the page (or `to`) with its message (303); a domain error comes
 * back as the form's message (not found → 404).
 */
async function attempt(event: RequestEvent, change: () => Promise<unknown>, values: Record<string, string>, done: Done, to?: () => string) {
	try {
		await change();
	} catch (caught) {
		return failFromError(caught, values);
	}
	redirectWithNotice(event, { message: NOTICES[done] }, to?.());
}

export const actions = {
	details: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(updateCollaborationSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const input = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, input: form.data };
		return attempt(event, () => updateCollaboration(input), { section: 'details' }, 'details');
	},
	/** The quick check's instrument for this collaboration (empty: the organisation's). */
	instrument: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(instrumentChoiceSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const key = form.data.instrument || null;
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, key };
		return attempt(event, () => setCollaborationQuickCheckInstrument(change), { section: 'instrument' }, 'instrument');
	},
	addParticipant: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(participantSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const input = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, input: form.data };
		return attempt(event, () => addParticipant(input), { section: 'add-participant' }, 'participantAdded');
	},
	updateParticipant: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(updateParticipantSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const { participantId, ...input } = form.data;
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, participantId, input };
		return attempt(event, () => updateParticipant(change), { section: `participant-${participantId}` }, 'participantUpdated');
	},
	removeParticipant: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(participantIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		return attempt(event, () => removeParticipant(change), { section: `participant-${form.data.participantId}` }, 'participantRemoved');
	},
	addProfessional: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(professionalSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		return attempt(event, () => addCoProfessional(change), { section: 'professionals' }, 'professionalAdded');
	},
	removeProfessional: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(professionalSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const ctx = getAppContext();
		const change = { ctx, actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		// Whoever removes themselves can no longer see the collaboration.
		const self = locals.actor.type === 'staff' && form.data.userId === locals.actor.userId;
		return attempt(
			event,
			() => removeCoProfessional(change),
			{ section: 'professionals' },
			'professionalRemoved',
			() => (self ? '/collaborations' : event.url.pathname)
		);
	},
	handover: async (event) => {
		const { request, locals, params } = event;
		const form = validateForm(handoverSchema, await request.formData());
		if (!form.ok) return failValidation(form, refusalOfHandoverForm(form.errors));
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, input: form.data };
		// The old holder leaves the collaboration: back to the list, which no longer shows it.
		return attempt(
			event,
			() => handOverCollaboration(change),
			{ section: 'handover', note: form.data.note },
			'handedOver',
			() => '/collaborations'
		);
	},
	close: async (event) => {
		const { locals, params } = event;
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId };
		return attempt(event, () => closeCollaboration(change), { section: 'status' }, 'closed');
	},
	reopen: async (event) => {
		const { locals, params } = event;
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId };
		return attempt(event, () => reopenCollaboration(change), { section: 'status' }, 'reopened');
	}
} satisfies Actions satisfies RedirectOnSuccess;
