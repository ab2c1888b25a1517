import { expect, it } from 'vitest';
import { actions as meetingPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/meetings/[meetingId=id]/+page.server.ts';
import type { Database } from '../db/schema.ts';
import { postAs } from '../testing/page-loads.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory, type BuiltTrajectory } from '../testing/trajectory-builders.ts';
import { instrumentsForm, momentsForm, postSettings, templateForm } from '../testing/trajectory-settings-forms.ts';
import { newId } from '../shared/tokens.ts';
import { listInstrumentChoices } from './trajectories.instruments.usecases.ts';
import { getMeetingForCoordinator, saveAttendance } from './trajectories.meetings.usecases.ts';
import type { Template, TemplateQuestion } from './trajectories.models.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import { getTrajectoryForCoordinator } from './trajectories.usecases.ts';

/**
 * The trajectory's settings forms name each row they show by its stored id (a moment's id, a
 * question's key, a moment's id beside its instrument, a participant beside their attendance box).
 * A post changes the rows it names, adds rows without an id, removes only rows it emptied, and
 * leaves every row it does not mention as it is. A post that names a row that is not (or no
 * longer) the trajectory's is refused and changes nothing. Before, rows were matched by their
 * place: a form loaded before a colleague added or removed a moment or question overwrote or
 * removed the wrong one.
 */

describeOnBothDatabases('a stale or hand-made trajectory form changes only the rows it names', (dialect) => {
	const t = useTestContext(dialect);

	const input = (built: BuiltTrajectory) => ({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId });
	const view = (built: BuiltTrajectory) => getTrajectoryForCoordinator(input(built));
	const moments = async (built: BuiltTrajectory) =>
		(await view(built)).moments.map(({ id, position, opensOn, closesOn }) => ({ id, position, opensOn, closesOn }));
	const post = (built: BuiltTrajectory, action: 'moments' | 'template' | 'instruments', fields: Record<string, string>) =>
		postSettings(t.ctx, built, action, fields);
	const rows = async (table: keyof Database) =>
		(await t.ctx.db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
	const saved = { redirect: expect.any(String) };

	/** What a colleague did in the meantime, in another browser: straight into the stored rows. */
	const colleague = (built: BuiltTrajectory) => {
		const repo = createTrajectoriesRepository(t.ctx.db);
		const { organisationId } = built.coordinator;
		return {
			addMoment: (position: number, opensOn: string, closesOn: string) =>
				repo.insertMoment({ id: newId(), organisationId, trajectoryId: built.trajectoryId, position, opensOn, closesOn }),
			/** Removes a moment; the later ones move up a number. */
			removeMoment: async (momentId: string) => {
				const all = await repo.listMoments(organisationId, built.trajectoryId);
				const gone = all.find((moment) => moment.id === momentId)!;
				await repo.deleteMoment(organisationId, momentId);
				for (const later of all.filter((moment) => moment.position > gone.position)) {
					await t.ctx.db
						.updateTable('trajectoryMoments')
						.set({ position: later.position - 1 })
						.where('id', '=', later.id)
						.execute();
				}
			},
			setTemplate: (template: Template) =>
				repo.updateTemplate(organisationId, built.trajectoryId, template, t.ctx.clock.now().toISOString()),
			setInstrument: (momentId: string, key: string) => repo.setMomentInstrument(organisationId, momentId, key)
		};
	};
	const changedMeanwhile = { status: 409, data: { formError: 'trajectory.changed_meanwhile' } };

	it('a moments form loaded before a colleague added T3 saves T1 and T2 by their ids and leaves T3 as it is', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 0,
			moments: [
				[0, 7],
				[30, 37]
			]
		});
		const [t1, t2] = await moments(built);
		const stale = momentsForm([{ ...t1!, closesOn: '2099-12-31' }, t2!].map(({ id, opensOn, closesOn }) => ({ id, opensOn, closesOn })));
		// Meanwhile a colleague adds T3.
		await colleague(built).addMoment(3, '2100-01-01', '2100-01-10');
		const t3 = (await moments(built))[2]!;

		expect(await post(built, 'moments', stale)).toMatchObject(saved);
		expect(await moments(built)).toEqual([{ ...t1!, closesOn: '2099-12-31' }, t2, t3]);
	});

	it('a moments form loaded before a colleague removed T2 is refused and changes nothing; it never writes T2’s dates on the moment that is T2 now', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const shown = await moments(built);
		const stale = momentsForm(
			shown.map(({ id, opensOn, closesOn }) => ({ id, opensOn, closesOn: id === shown[2]!.id ? '2100-01-01' : closesOn }))
		);
		await colleague(built).removeMoment(shown[1]!.id);
		const before = await rows('trajectoryMoments');

		expect(await post(built, 'moments', stale)).toMatchObject(changedMeanwhile);
		expect(await rows('trajectoryMoments')).toEqual(before);
	});

	it('emptying a row removes that moment, wherever it is; the later ones keep their ids and move up a number', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [t1, t2, t3] = await moments(built);
		const form = momentsForm(
			[t1!, { id: t2!.id, opensOn: '', closesOn: '' }, t3!].map(({ id, opensOn, closesOn }) => ({ id, opensOn, closesOn }))
		);

		expect(await post(built, 'moments', form)).toMatchObject(saved);
		expect(await moments(built)).toEqual([t1, { ...t3!, position: 2 }]);
	});

	it("a moment id of another trajectory is refused and neither trajectory's moments change", async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const other = await buildTrajectory(t.ctx, { participants: 0, coordinator: built.coordinator });
		const [theirs] = await moments(other);
		const before = await rows('trajectoryMoments');
		const mine = (await moments(built)).map(({ id, opensOn, closesOn }) => ({ id, opensOn, closesOn }));

		for (const form of [
			momentsForm([...mine, { id: theirs!.id, opensOn: '2100-01-01', closesOn: '2100-01-10' }]),
			momentsForm([mine[0]!, { id: theirs!.id, opensOn: '', closesOn: '' }])
		]) {
			expect(await post(built, 'moments', form)).toMatchObject(changedMeanwhile);
		}
		expect(await rows('trajectoryMoments')).toEqual(before);
	});

	it('a template form loaded before a colleague added a question rewords the questions it shows and keeps the added one', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const shown = (await view(built)).trajectory.template.questions;
		const stale = templateForm(shown.map((q, index) => (index === 1 ? { ...q, text: 'Is je doel bereikt?' } : q)));
		const added: TemplateQuestion = { key: 'qa1b2c3d4', kind: 'text', text: 'Wat was lastig?', fromMoment: 1 };
		await colleague(built).setTemplate({ questions: [...shown, added] });

		expect(await post(built, 'template', stale)).toMatchObject(saved);
		expect((await view(built)).trajectory.template.questions).toEqual([
			shown[0],
			{ ...shown[1]!, text: 'Is je doel bereikt?' },
			...shown.slice(2),
			added
		]);
	});

	it('a template form loaded before a colleague removed a question is refused, and the question does not come back', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const shown = (await view(built)).trajectory.template.questions;
		const stale = templateForm(shown.map((q, index) => (index === 0 ? { ...q, text: 'Heb je het gebruikt?' } : q)));
		await colleague(built).setTemplate({ questions: shown.filter((_, index) => index !== 2) });
		const before = await rows('trajectories');

		expect(await post(built, 'template', stale)).toMatchObject(changedMeanwhile);
		expect(await rows('trajectories')).toEqual(before);
	});

	it('a question key that is not one of the template’s is refused and changes nothing; emptying a row removes only its own question', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const shown = (await view(built)).trajectory.template.questions;
		const before = await rows('trajectories');
		for (const form of [
			templateForm([...shown, { key: 'bedacht', kind: 'text', text: 'Verzonnen', fromMoment: 1 }]),
			templateForm([{ ...shown[0]!, key: 'bedacht', text: '' }])
		]) {
			expect(await post(built, 'template', form)).toMatchObject(changedMeanwhile);
		}
		expect(await rows('trajectories')).toEqual(before);

		// The form shows only the second question (a post cut short): emptying it removes that one, the rest stay.
		const emptied = templateForm([{ ...shown[1]!, text: '' }]);
		expect(await post(built, 'template', emptied)).toMatchObject(saved);
		expect((await view(built)).trajectory.template.questions).toEqual([shown[0], ...shown.slice(2)]);
	});

	it('an instruments form loaded before a colleague removed T2 is refused; the moment that is T2 now keeps its instrument, never gets the old T2’s none', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [t1, t2, t3] = built.momentIds;
		const [key] = (await listInstrumentChoices(t.ctx, built.coordinator.organisationId)).map((choice) => choice.key);
		await colleague(built).setInstrument(t3!, key!);
		// The form as it showed T1, T2 and T3, saved without a change: T3 keeps its instrument.
		const stale = {
			instrument1: '',
			instrument1Moment: t1!,
			instrument2: '',
			instrument2Moment: t2!,
			instrument3: key!,
			instrument3Moment: t3!
		};
		await colleague(built).removeMoment(t2!);
		const before = await rows('trajectoryMoments');

		expect(await post(built, 'instruments', stale)).toMatchObject(changedMeanwhile);
		expect(await rows('trajectoryMoments')).toEqual(before);
		expect((await view(built)).moments.map((m) => [m.id, m.label, m.instrumentKey])).toEqual([
			[t1, 'T1', null],
			[t3, 'T2', key]
		]);
	});

	it('an instruments form loaded before a colleague chose T1’s instrument keeps theirs when T1 is left as shown, and is refused when it changes T1 too', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [t1, t2, t3] = built.momentIds;
		const [a, b] = (await listInstrumentChoices(t.ctx, built.coordinator.organisationId)).map((choice) => choice.key);
		// The form showed no instrument anywhere; the colleague chose one for T1 since.
		await colleague(built).setInstrument(t1!, a!);
		const form = (first: string, second: string) =>
			instrumentsForm([
				{ momentId: t1!, key: first, shown: '' },
				{ momentId: t2!, key: second, shown: '' },
				{ momentId: t3!, key: '', shown: '' }
			]);
		const instruments = async () => (await view(built)).moments.map((m) => m.instrumentKey);

		expect(await post(built, 'instruments', form('', b!))).toMatchObject(saved);
		expect(await instruments()).toEqual([a, b, null]);

		const before = await rows('trajectoryMoments');
		expect(await post(built, 'instruments', form(b!, ''))).toMatchObject(changedMeanwhile);
		expect(await rows('trajectoryMoments')).toEqual(before);
	});

	it('the attendance form marks only the participants it shows: one added after it was loaded keeps their attendance', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 3 });
		const [p1, p2, p3] = built.participants.map((p) => p.participantId);
		const meetingId = (await view(built)).meetings[0]!.id;
		// A colleague marked all three present; this form was loaded when only 1 and 2 took part.
		await saveAttendance({ ...input(built), meetingId, present: [p1!, p2!, p3!] });
		const save = (fields: [string, string][]) =>
			postAs(t.ctx, meetingPage.default, {
				actor: built.coordinator,
				path: `/trajectories/${built.trajectoryId}/meetings/${meetingId}`,
				params: { trajectoryId: built.trajectoryId, meetingId },
				fields
			});
		const present = async () =>
			(await getMeetingForCoordinator({ ...input(built), meetingId })).participants.filter((p) => p.present).map((p) => p.number);

		// 1 stays ticked, 2 is unticked; 3 is not on the form.
		expect(
			await save([
				['shown', p1!],
				['present', p1!],
				['shown', p2!]
			])
		).toMatchObject(saved);
		expect(await present()).toEqual([1, 3]);

		// A box ticked for a participant the form did not show is refused.
		const before = await rows('trajectoryAttendance');
		expect(
			await save([
				['shown', p1!],
				['present', p2!]
			])
		).toMatchObject({ status: 400, data: { formError: 'trajectory.changed_meanwhile' } });
		expect(await rows('trajectoryAttendance')).toEqual(before);
	});
});
