import type { AppContext } from '../context.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createTrajectory } from '../trajectories/trajectories.usecases.ts';
import { inviteParticipant } from '../trajectories/trajectories.members.usecases.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import type { ResponseFormInput } from '../trajectories/trajectories.schemas.ts';
import { buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';

export interface BuiltTrajectory {
	trajectoryId: string;
	coordinator: BuiltStaff;
	/** T1, T2, … in order. */
	momentIds: string[];
	participants: { participantId: string; actor: BuiltStaff; number: number }[];
}

export interface TrajectoryOptions {
	/** Moments as day offsets from today: [opens, closes]. Default: T1 open now, T2 and T3 later. */
	moments?: [number, number][];
	/** How many participants, each a professional of their own organisation (default 2). */
	participants?: number;
	/** The coordinator; a new one in a new organisation by default. */
	coordinator?: BuiltStaff;
}

/**
 * A trajectory made through the usecases, with participants who have accounts in other
 * organisations (so they are added at once, no invitation to accept).
 */
export async function buildTrajectory(ctx: AppContext, options: TrajectoryOptions = {}): Promise<BuiltTrajectory> {
	const coordinator = options.coordinator ?? (await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['trajectoryCoordinator'] }));
	const today = todayInAmsterdam(ctx.clock.now());
	const offsets = options.moments ?? [
		[0, 7],
		[30, 37],
		[60, 67]
	];
	const { trajectoryId } = await createTrajectory({
		ctx,
		actor: coordinator,
		input: {
			name: 'Gelijkwaardig samenwerken',
			description: '',
			consentText: 'Ik geef toestemming.',
			meetings: [{ id: '', heldOn: today, title: 'Theaterlezing', place: 'Arnhem', programme: 'Theaterlezing Samenwerken met ouders' }],
			moments: offsets.map(([opens, closes]) => ({ opensOn: addDaysToDate(today, opens), closesOn: addDaysToDate(today, closes) }))
		}
	});
	const participants: BuiltTrajectory['participants'] = [];
	for (let i = 0; i < (options.participants ?? 2); i += 1) {
		const actor = await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] });
		const { participantId } = await inviteParticipant({
			ctx,
			actor: coordinator,
			trajectoryId,
			input: { email: actor.email, organisationName: `Organisatie ${i + 1}`, locale: 'nl' }
		});
		participants.push({ participantId, actor, number: i + 1 });
	}
	const moments = await createTrajectoriesRepository(ctx.db).listMoments(coordinator.organisationId, trajectoryId);
	return { trajectoryId, coordinator, momentIds: moments.map((moment) => moment.id), participants };
}

/** A complete answer for a moment, with the goal given. */
export function answerInput(goal: string, overrides: Partial<ResponseFormInput> = {}): ResponseFormInput {
	return {
		learningGoal: goal,
		goalChangeReason: '',
		barrierPersonal: `werkdruk (${goal})`,
		barrierTeam: '',
		barrierOrganisation: '',
		resourcePersonal: `intervisie (${goal})`,
		resourceTeam: '',
		resourceOrganisation: '',
		explanation: '',
		answers: {},
		...overrides
	};
}
