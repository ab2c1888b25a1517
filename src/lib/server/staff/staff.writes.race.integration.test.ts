import { expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { updateOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { createTeam } from '../teams/teams.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import { updateTrajectoryDetails } from '../trajectories/trajectories.usecases.ts';
import { createStaffRepository } from './staff.repository.ts';
import { deactivateStaff } from './staff.usecases.ts';

const SETTINGS = {
	name: 'Hernoemd',
	clientTerm: 'youngPerson',
	planTerm: 'actionPlan',
	defaultLocale: 'en',
	minGroupSize: 7,
	retentionDays: 400,
	requireTwoFactor: true,
	erasureConfirmation: 'holder'
} as const;

const DETAILS = { name: 'Andere naam', description: '', consentText: 'Ik geef toestemming.' };

/**
 * A staff write that reaches no client's data (an organisation's settings, a team, a trajectory's
 * management) reads the writer's membership again inside its transaction too (requireAccessToWrite's
 * `write`, requireStillActive), as a change of a client's data does (decision 011). Before, only the
 * door decided it, when the request came in, so an admin or coordinator deactivated in between still
 * changed the settings, made a team or renamed a trajectory after they had left.
 */
describeOnBothDatabases('a write without client data by a staff member deactivated while it is in flight', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const admin = await buildOrganisation(t.ctx);
		const secondAdmin = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		const coordinator = await buildStaff(t.ctx, admin, { roles: ['trajectoryCoordinator'] });
		const { trajectoryId } = await buildTrajectory(t.ctx, { coordinator, participants: 0 });
		const deactivate = (userId: string) => () => deactivateStaff({ ctx: t.ctx, actor: admin, userId });
		const organisationName = async () => (await createOrganisationsRepository(t.ctx.db).findById(admin.organisationId))!.name;
		const trajectoryName = async () =>
			(await createTrajectoriesRepository(t.ctx.db).findTrajectory(admin.organisationId, trajectoryId))!.name;
		const teams = async () =>
			(await t.ctx.db.selectFrom('teams').select('id').where('organisationId', '=', admin.organisationId).execute()).length;
		const rename = (ctx: AppContext) => updateTrajectoryDetails({ ctx, actor: coordinator, trajectoryId, input: DETAILS });
		return { admin, secondAdmin, coordinator, deactivate, organisationName, trajectoryName, teams, rename };
	}

	it('regression (race): an admin deactivated meanwhile does not change the organisation’s settings (not found)', async () => {
		const s = await setUp();
		const before = await s.organisationName();
		const ctx = withChangeBeforeTheWrite(t.ctx, s.deactivate(s.secondAdmin.userId));
		await expect(updateOrganisationSettings({ ctx, actor: s.secondAdmin, input: SETTINGS })).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.organisationName()).toBe(before);
	});

	it('regression (race): an admin deactivated meanwhile makes no team (not found)', async () => {
		const s = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, s.deactivate(s.secondAdmin.userId));
		await expect(createTeam({ ctx, actor: s.secondAdmin, input: { name: 'Team Noord' } })).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.teams()).toBe(0);
	});

	it('regression (race): a coordinator deactivated meanwhile does not rename the trajectory (not found)', async () => {
		const s = await setUp();
		const before = await s.trajectoryName();
		await expect(s.rename(withChangeBeforeTheWrite(t.ctx, s.deactivate(s.coordinator.userId)))).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await s.trajectoryName()).toBe(before);
	});

	it('with nothing in between, the admin and the coordinator write as before', async () => {
		const s = await setUp();
		const nothing = () => withChangeBeforeTheWrite(t.ctx, async () => {});
		await updateOrganisationSettings({ ctx: nothing(), actor: s.secondAdmin, input: SETTINGS });
		await s.rename(nothing());
		expect(await s.organisationName()).toBe(SETTINGS.name);
		expect(await s.trajectoryName()).toBe(DETAILS.name);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a trajectory renamed while the coordinator’s deactivation is being saved waits for it, and is refused once it is saved',
		async () => {
			const s = await setUp();
			const before = await s.trajectoryName();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(deactivating) =>
					createStaffRepository(deactivating).setStatus(
						s.admin.organisationId,
						s.coordinator.userId,
						'deactivated',
						t.ctx.clock.now().toISOString()
					),
				() => s.rename(t.ctx),
				'the rename to wait for the deactivation'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			expect(await s.trajectoryName()).toBe(before);
		}
	);
});
