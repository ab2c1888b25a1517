import { redirect } from '@sveltejs/kit';
import type * as v from 'valibot';
import type { Actor } from '#lib/server/access/actor.ts';
import { getAppContext, type AppContext } from '#lib/server/context.ts';
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
import type { Actions, PageServerLoad, RequestEvent } from './$types';

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

/**
 * A coordinator's change to a participant or a pair of this trajectory: the form checked by
 * `schema`, `change` run with it, then back to the page saying `done`; refused, the form says why.
 */
async function changeAndReturn<S extends v.GenericSchema>(
	event: RequestEvent,
	schema: S,
	done: string,
	change: (trajectory: { ctx: AppContext; actor: Actor; trajectoryId: string }, data: v.InferOutput<S>) => Promise<unknown>
) {
	const form = validateForm(schema, await event.request.formData());
	if (!form.ok) return failValidation(form);
	try {
		await change({ ctx: getAppContext(), actor: event.locals.actor, trajectoryId: event.params.trajectoryId }, form.data);
	} catch (caught) {
		return failFromError(caught);
	}
	back(event.params.trajectoryId, done);
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
	resend: (event) =>
		changeAndReturn(event, participantIdSchema, 'resent', (trajectory, { participantId }) =>
			resendParticipantInvitation({ ...trajectory, participantId })
		),
	revokeInvitation: (event) =>
		changeAndReturn(event, participantIdSchema, 'invitationRevoked', (trajectory, { participantId }) =>
			revokeParticipantInvitation({ ...trajectory, participantId })
		),
	stop: (event) => changeAndReturn(event, stopSchema, 'stopped', (trajectory, data) => setParticipantStopped({ ...trajectory, ...data })),
	resume: (event) =>
		changeAndReturn(event, participantIdSchema, 'resumed', (trajectory, { participantId }) =>
			setParticipantStopped({ ...trajectory, participantId, stoppedOn: null })
		),
	setFunction: (event) =>
		changeAndReturn(event, participantFunctionSchema, 'functionSet', (trajectory, data) =>
			setParticipantFunction({ ...trajectory, ...data })
		),
	pair: (event) =>
		changeAndReturn(event, pairSchema, 'paired', (trajectory, data) =>
			pairBuddies({ ...trajectory, participantIds: [data.participantA, data.participantB] })
		),
	unpair: (event) => changeAndReturn(event, pairIdSchema, 'unpaired', (trajectory, { pairId }) => unpairBuddies({ ...trajectory, pairId }))
} satisfies Actions satisfies RedirectOnSuccess;
