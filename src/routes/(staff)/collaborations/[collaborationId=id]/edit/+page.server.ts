import { redirect } from '@sveltejs/kit';
import {
	participantIdSchema,
	participantSchema,
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
import { addCoProfessional, listProfessionalCandidates, removeCoProfessional } from '#lib/server/collaborations/professionals.usecases.ts';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const collaboration = await getCollaboration({ ctx, actor, collaborationId: params.collaborationId });
	const candidates =
		collaboration.status === 'open' ? await listProfessionalCandidates({ ctx, actor, collaborationId: collaboration.id }) : [];
	return { collaboration, candidates };
};

type Done =
	| 'details'
	| 'participantAdded'
	| 'participantUpdated'
	| 'participantRemoved'
	| 'professionalAdded'
	| 'professionalRemoved'
	| 'closed'
	| 'reopened';

/** Runs one change; a domain error comes back as the form's message (not found → 404). */
async function attempt(change: () => Promise<unknown>, values: Record<string, string>, done: Done) {
	try {
		await change();
	} catch (caught) {
		return failFromError(caught, values);
	}
	return { done };
}

export const actions: Actions = {
	details: async ({ request, locals, params }) => {
		const form = validateForm(updateCollaborationSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const input = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, input: form.data };
		return attempt(() => updateCollaboration(input), { section: 'details' }, 'details');
	},
	addParticipant: async ({ request, locals, params }) => {
		const form = validateForm(participantSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const input = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, input: form.data };
		return attempt(() => addParticipant(input), { section: 'add-participant' }, 'participantAdded');
	},
	updateParticipant: async ({ request, locals, params }) => {
		const form = validateForm(updateParticipantSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const { participantId, ...input } = form.data;
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, participantId, input };
		return attempt(() => updateParticipant(change), { section: `participant-${participantId}` }, 'participantUpdated');
	},
	removeParticipant: async ({ request, locals, params }) => {
		const form = validateForm(participantIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		return attempt(() => removeParticipant(change), { section: `participant-${form.data.participantId}` }, 'participantRemoved');
	},
	addProfessional: async ({ request, locals, params }) => {
		const form = validateForm(professionalSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		return attempt(() => addCoProfessional(change), { section: 'professionals' }, 'professionalAdded');
	},
	removeProfessional: async ({ request, locals, params }) => {
		const form = validateForm(professionalSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		const ctx = getAppContext();
		const change = { ctx, actor: locals.actor, collaborationId: params.collaborationId, ...form.data };
		const result = await attempt(() => removeCoProfessional(change), { section: 'professionals' }, 'professionalRemoved');
		// Whoever removes themselves can no longer see the collaboration.
		if ('done' in result && locals.actor.type === 'staff' && form.data.userId === locals.actor.userId) redirect(303, '/collaborations');
		return result;
	},
	close: async ({ locals, params }) => {
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId };
		return attempt(() => closeCollaboration(change), { section: 'status' }, 'closed');
	},
	reopen: async ({ locals, params }) => {
		const change = { ctx: getAppContext(), actor: locals.actor, collaborationId: params.collaborationId };
		return attempt(() => reopenCollaboration(change), { section: 'status' }, 'reopened');
	}
};
