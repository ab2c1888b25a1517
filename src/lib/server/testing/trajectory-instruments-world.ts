import { importInstrument } from '../instruments/instruments.import.usecases.ts';
import { answerClientConsent } from '../trajectories/trajectories.instruments.client-link.usecases.ts';
import { buildOrganisation, buildStaff } from './builders.ts';
import { questionnaireText, wavLike } from './fhir-questionnaires.ts';
import type { TestContext } from './test-context.ts';
import { buildTrajectory } from './trajectory-builders.ts';

const WAV_KEYS = Array.from({ length: 12 }, (_, i) => `wav${i + 1}`);
/** Every item of the WAV-12-like questionnaire answered with `value`. */
export const all = (value: number) => Object.fromEntries(WAV_KEYS.map((key) => [key, value]));
export const DAY = 86_400_000;

/** The world of the trajectory instrument tests (trajectories.instruments.*.integration.test.ts), on a describe block's context. */
export function trajectoryInstrumentWorld(t: { readonly ctx: TestContext }) {
	/** An organisation that imported a WAV-12-like questionnaire; a trajectory with T1 and T2 open now. */
	async function world(participants = 6) {
		const admin = await buildOrganisation(t.ctx);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(wavLike()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		const coordinator = await buildStaff(t.ctx, admin, { roles: ['trajectoryCoordinator'] });
		const built = await buildTrajectory(t.ctx, {
			coordinator,
			participants,
			moments: [
				[0, 7],
				[0, 14]
			]
		});
		const input = { ctx: t.ctx, actor: coordinator, trajectoryId: built.trajectoryId };
		const key = imported.instrument.key;
		const both = [
			{ momentId: built.momentIds[0]!, instrumentKey: key },
			{ momentId: built.momentIds[1]!, instrumentKey: key }
		];
		return { admin, coordinator, built, input, key, both };
	}

	/** What a usecase needs to act as the participant at `index`. */
	const of = (w: Awaited<ReturnType<typeof world>>, index: number) => {
		const p = w.built.participants[index]!;
		return { ctx: t.ctx, actor: p.actor, trajectoryId: w.built.trajectoryId };
	};

	const anonymous = { type: 'anonymous' } as const;
	/** The client's yes on the consent step of their link. */
	const consent = (token: string, agree = true, clientAddress = '192.0.2.1') =>
		answerClientConsent({ ctx: t.ctx, clientAddress, actor: anonymous, token, agree });

	return { world, of, anonymous, consent };
}
