import { sql } from 'kysely';
import { statementsWaitingForALock } from '../testing/change-before-write.ts';
import { expect, it } from 'vitest';
import { waitFor } from '../testing/instances.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory, type BuiltTrajectory } from '../testing/trajectory-builders.ts';
import { instrumentsForm, momentsForm, postSettings, templateForm } from '../testing/trajectory-settings-forms.ts';
import { listInstrumentChoices } from './trajectories.instruments.usecases.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';

/**
 * Two saves of the same trajectory's settings at the same moment (two coordinators, or a double
 * click) run one after the other on both databases: the second reads what the first stored. It
 * is saved when its form still fits, and otherwise refused as changed meanwhile (409) with
 * nothing of it stored; never a 500, and never a row lost or numbered twice. Before, on
 * PostgreSQL both read the same rows, so the second collided with the first on the moment-number
 * unique constraint (a 500) or wrote the question template over the first one's change.
 */

describeOnBothDatabases('two saves of a trajectory’s settings at the same moment', (dialect) => {
	const t = useTestContext(dialect);

	const post = (built: BuiltTrajectory, action: 'moments' | 'template' | 'instruments', fields: Record<string, string>) =>
		postSettings(t.ctx, built, action, fields);
	const moments = (built: BuiltTrajectory) =>
		createTrajectoriesRepository(t.ctx.db)
			.listMoments(built.coordinator.organisationId, built.trajectoryId)
			.then((all) => all.map(({ id, position, opensOn, closesOn }) => ({ id, position, opensOn, closesOn })));
	const saved = { redirect: expect.any(String) };
	/**
	 * Sends the posts together. On PostgreSQL each gets a connection of its own from the pool;
	 * first as many are opened as there are posts, or the first post would be done before the
	 * second's new connection is, and the two would not overlap at all.
	 */
	const atTheSameMoment = async (...posts: (() => Promise<unknown>)[]) => {
		await Promise.all(posts.map(() => sql`select 1`.execute(t.ctx.db)));
		return Promise.all(posts.map((send) => send()));
	};
	const changedMeanwhile = expect.objectContaining({
		status: 409,
		data: expect.objectContaining({ formError: 'trajectory.changed_meanwhile' })
	});

	it('three each adding a moment: all are saved, as T3, T4 and T5, with every number once', async () => {
		const built = await buildTrajectory(t.ctx, {
			participants: 0,
			moments: [
				[0, 7],
				[30, 37]
			]
		});
		const shown = await moments(built);
		const adding = (closesOn: string) => () => post(built, 'moments', momentsForm([...shown, { id: '', opensOn: '2100-01-01', closesOn }]));

		const answers = await atTheSameMoment(adding('2100-01-10'), adding('2100-01-20'), adding('2100-01-30'));

		expect(answers).toEqual([saved, saved, saved]);
		const after = await moments(built);
		expect(after.map((moment) => moment.position)).toEqual([1, 2, 3, 4, 5]);
		expect(after.slice(0, 2)).toEqual(shown);
		expect(
			after
				.slice(2)
				.map((moment) => moment.closesOn)
				.sort()
		).toEqual(['2100-01-10', '2100-01-20', '2100-01-30']);
	});

	it('each removing T2: one is saved, the other is refused as changed meanwhile; T3 moves up to T2 once', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [t1, t2, t3] = await moments(built);
		const form = momentsForm([t1!, { id: t2!.id, opensOn: '', closesOn: '' }, t3!]);

		const answers = await atTheSameMoment(
			() => post(built, 'moments', form),
			() => post(built, 'moments', form)
		);

		expect(answers).toContainEqual(saved);
		expect(answers).toContainEqual(changedMeanwhile);
		expect(await moments(built)).toEqual([t1, { ...t3!, position: 2 }]);
	});

	it('each adding a question: both questions are kept, neither save undoes the other', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const repo = createTrajectoriesRepository(t.ctx.db);
		const questions = async () => (await repo.findTrajectory(built.coordinator.organisationId, built.trajectoryId))!.template.questions;
		const shown = await questions();
		const adding = (text: string) => templateForm([...shown, { key: '', text, kind: 'scale3', fromMoment: 1 }]);

		const answers = await atTheSameMoment(
			() => post(built, 'template', adding('Nieuwe vraag A')),
			() => post(built, 'template', adding('Nieuwe vraag B'))
		);

		expect(answers).toEqual([saved, saved]);
		const after = await questions();
		expect(after.slice(0, shown.length)).toEqual(shown);
		expect(
			after
				.slice(shown.length)
				.map((q) => q.text)
				.sort()
		).toEqual(['Nieuwe vraag A', 'Nieuwe vraag B']);
	});

	const instrumentsOf = (built: BuiltTrajectory) =>
		createTrajectoriesRepository(t.ctx.db)
			.listMoments(built.coordinator.organisationId, built.trajectoryId)
			.then((all) => all.map((moment) => moment.instrumentKey ?? ''));
	/**
	 * Like atTheSameMoment, and on PostgreSQL each post is surely inside its save before any is
	 * done: the moment's row is held (for update) until every post waits for a lock, then let go.
	 * On SQLite the saves' BEGIN IMMEDIATE runs them one after the other anyway.
	 */
	const allInsideTheirSave = async (momentId: string, posts: (() => Promise<unknown>)[]): Promise<unknown[]> => {
		if (dialect !== 'postgres') return atTheSameMoment(...posts);
		await Promise.all([...posts, null].map(() => sql`select 1`.execute(t.ctx.db)));
		let sent: Promise<unknown[]> | undefined;
		await t.ctx.db.transaction().execute(async (trx) => {
			await sql`select id from trajectory_moments where id = ${momentId} for update`.execute(trx);
			sent = Promise.all(posts.map((send) => send()));
			await waitFor(async () => (await statementsWaitingForALock(t.ctx.db)) >= posts.length || undefined, 'every save to wait for a lock');
		});
		return sent!;
	};
	const twoInstruments = async (built: BuiltTrajectory) => {
		const [a, b] = (await listInstrumentChoices(t.ctx, built.coordinator.organisationId)).map((choice) => choice.key);
		return [a!, b!] as const;
	};

	it('four choosing an instrument for the same moment: a save is answered saved only when its choice is the one stored, the others are refused as changed meanwhile', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [a, b] = await twoInstruments(built);
		const [t1, t2, t3] = built.momentIds;
		const choices = [a, b, a, b];
		const choosing = (key: string) => () =>
			post(
				built,
				'instruments',
				instrumentsForm([
					{ momentId: t1!, key, shown: '' },
					{ momentId: t2!, key: '', shown: '' },
					{ momentId: t3!, key: '', shown: '' }
				])
			);

		const answers = await allInsideTheirSave(t1!, choices.map(choosing));

		const [stored, ...others] = await instrumentsOf(built);
		expect(others).toEqual(['', '']);
		// The first to be saved decides; the others read its choice: the same one is saved (nothing
		// changes), the other one is refused. Without the trajectory lock on PostgreSQL, all four read
		// no instrument and were answered saved, each choice silently replaced by the next.
		expect(answers).toEqual(choices.map((key) => (key === stored ? saved : changedMeanwhile)));
	});

	it('each choosing an instrument for another moment: both are kept, neither save undoes the other', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const [a, b] = await twoInstruments(built);
		const [t1, t2, t3] = built.momentIds;
		const rows = (first: string, second: string) =>
			instrumentsForm([
				{ momentId: t1!, key: first, shown: '' },
				{ momentId: t2!, key: second, shown: '' },
				{ momentId: t3!, key: '', shown: '' }
			]);

		const answers = await atTheSameMoment(
			() => post(built, 'instruments', rows(a, '')),
			() => post(built, 'instruments', rows('', b))
		);

		expect(answers).toEqual([saved, saved]);
		expect(await instrumentsOf(built)).toEqual([a, b, '']);
	});
});
