import { requireAccess } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import { TWEESPRAAK_EXTENSION } from '#lib/server/instruments/fhir/fhir.models.ts';
import { toQuestionnaireResponse, toResponseBundle } from '#lib/server/instruments/fhir/fhir.export.ts';
import { findPublishedInstrument } from '#lib/server/instruments/instruments.usecases.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { isCountable } from './trajectories.instruments.models.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { isReportable } from './trajectories.policy.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';

/**
 * A trajectory's instrument answers as a FHIR R4 Bundle of QuestionnaireResponses (issue 14,
 * docs/decisions/019-fhir-questionnaires.md): of participants who consent to the monitor, as the
 * report counts them, pseudonymised — the subject is "participant <number>" of the trajectory,
 * never a name or an address; a client's answer through a participant's link is authored by
 * "client" about the same number. One response per answer, naming its moment (T1, T2 …) in an
 * extension. Made by the coordinator, who makes the monitor report.
 */
export async function getTrajectoryAnswersBundle({ ctx, actor, trajectoryId }: { ctx: AppContext; actor: Actor; trajectoryId: string }) {
	// The permission names the trajectory: one of another organisation, or none, is not found.
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'trajectory.report', ids: [trajectoryId] });
	const organisationId = staff.organisationId;
	const trajectories = createTrajectoriesRepository(ctx.db);
	const [participants, moments] = await Promise.all([
		trajectories.listParticipants(organisationId, trajectoryId),
		trajectories.listMoments(organisationId, trajectoryId)
	]);
	const reported = participants.filter((participant) => isReportable(participant.consent));
	const numberOf = new Map(reported.map((participant) => [participant.id, participant.number]));
	const positionOf = new Map(moments.map((moment) => [moment.id, moment.position]));
	const answers = (
		await createTrajectoryInstrumentsRepository(ctx.db).listOfParticipants(organisationId, trajectoryId, [...numberOf.keys()])
	)
		.filter((answer) => isCountable(answer) && answer.answeredAt !== null)
		.toSorted(
			(a, b) =>
				(positionOf.get(a.momentId) ?? 0) - (positionOf.get(b.momentId) ?? 0) ||
				numberOf.get(a.participantId)! - numberOf.get(b.participantId)! ||
				a.perspective.localeCompare(b.perspective)
		);
	const responses = [];
	for (const answer of answers) {
		const instrument = await findPublishedInstrument(ctx, { organisationId, instrumentId: answer.instrumentId });
		if (!instrument) continue;
		const response = toQuestionnaireResponse(
			{
				partyId: answer.id,
				role: answer.perspective === 'client' ? 'client' : 'professional',
				authored: answer.answeredAt!,
				instrument,
				values: Object.entries(answer.values!).map(([itemKey, value]) => ({ itemKey, value })),
				texts: answer.texts
			},
			`participant ${numberOf.get(answer.participantId)}`
		);
		responses.push({
			...response,
			extension: [{ url: `${TWEESPRAAK_EXTENSION}/trajectory-moment`, valueString: `T${positionOf.get(answer.momentId) ?? '?'}` }]
		});
	}
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'trajectory.fhir_exported',
		target: { type: 'trajectory', id: trajectoryId },
		details: { responses: responses.length, participants: reported.length }
	});
	const bundle = toResponseBundle(responses, ctx.clock.now().toISOString());
	return { fileName: `fhir-trajectory-${trajectoryId}.json`, json: JSON.stringify(bundle, null, 2) };
}
