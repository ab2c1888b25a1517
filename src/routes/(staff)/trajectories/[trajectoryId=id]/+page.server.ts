import { redirect } from '@sveltejs/kit';
import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import {
	inviteParticipant,
	pairBuddies,
	resendParticipantInvitation,
	revokeParticipantInvitation,
	setParticipantStopped,
	unpairBuddies
} from '#lib/server/trajectories/trajectories.members.usecases.ts';
import { setParticipantFunction } from '#lib/server/trajectories/trajectories.functions.usecases.ts';
import { isSameOrganisation } from '#lib/server/trajectories/trajectories.models.ts';
import {
	inviteParticipantSchema,
	pairIdSchema,
	pairSchema,
	participantFunctionSchema,
	participantIdSchema,
	stopSchema
} from '#lib/server/trajectories/trajectories.schemas.ts';
import { getTrajectoryForCoordinator } from '#lib/server/trajectories/trajectories.usecases.ts';
import type { RedirectOnSuccess } from '#lib/server/http/notice.ts';
import type { Actions, PageServerLoad } from './$types';

/** The coordinator's trajectory page: participants, consent, stopping, buddy pairs. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await getTrajectoryForCoordinator({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId });
	const pairs = view.pairs.map((pair) => {
		const members = pair.participantIds.map((id) => view.participants.find((p) => p.id === id)!);
		return { id: pair.id, members, sameOrganisation: members.length === 2 && isSameOrganisation(members[0]!, members[1]!) };
	});
	return { ...view, pairList: pairs, notice: url.searchParams.get('done') };
};

function back(trajectoryId: string, done: string): never {
	redirect(303, `/trajectories/${trajectoryId}?done=${done}`);
}

export const actions = {
	invite: async ({ request, locals, params }) => {
		const form = validateForm(inviteParticipantSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let outcome: string;
		try {
			({ outcome } = await inviteParticipant({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				input: form.data
			}));
		} catch (caught) {
			return failFromError(caught, {
				email: form.data.email,
				organisationName: form.data.organisationName,
				functionId: form.data.functionId,
				locale: form.data.locale
			});
		}
		back(params.trajectoryId, outcome);
	},
	resend: async ({ request, locals, params }) => {
		const form = validateForm(participantIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await resendParticipantInvitation({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				participantId: form.data.participantId
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'resent');
	},
	revokeInvitation: async ({ request, locals, params }) => {
		const form = validateForm(participantIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await revokeParticipantInvitation({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				participantId: form.data.participantId
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'invitationRevoked');
	},
	stop: async ({ request, locals, params }) => {
		const form = validateForm(stopSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setParticipantStopped({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, ...form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'stopped');
	},
	resume: async ({ request, locals, params }) => {
		const form = validateForm(participantIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setParticipantStopped({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				participantId: form.data.participantId,
				stoppedOn: null
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'resumed');
	},
	setFunction: async ({ request, locals, params }) => {
		const form = validateForm(participantFunctionSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setParticipantFunction({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, ...form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'functionSet');
	},
	pair: async ({ request, locals, params }) => {
		const form = validateForm(pairSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await pairBuddies({
				ctx: getAppContext(),
				actor: locals.actor,
				trajectoryId: params.trajectoryId,
				participantIds: [form.data.participantA, form.data.participantB]
			});
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'paired');
	},
	unpair: async ({ request, locals, params }) => {
		const form = validateForm(pairIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await unpairBuddies({ ctx: getAppContext(), actor: locals.actor, trajectoryId: params.trajectoryId, pairId: form.data.pairId });
		} catch (caught) {
			return failFromError(caught);
		}
		back(params.trajectoryId, 'unpaired');
	}
} satisfies Actions satisfies RedirectOnSuccess;
