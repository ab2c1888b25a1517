import { actions as settingsPage } from '../../../routes/(staff)/trajectories/[trajectoryId=id]/settings/+page.server.ts';
import type { AppContext } from '../context.ts';
import type { TemplateQuestion } from '../trajectories/trajectories.models.ts';
import { postAs } from './page-loads.ts';
import type { BuiltTrajectory } from './trajectory-builders.ts';

/** A moment's row on the settings form: its stored id (empty for a new one) and its dates. */
export type MomentRow = { id: string; opensOn: string; closesOn: string };

/** The moments form as the page shows it: a row per moment (with its id) and one empty row. */
export function momentsForm(rows: MomentRow[]): Record<string, string> {
	return Object.fromEntries(
		[...rows, { id: '', opensOn: '', closesOn: '' }].flatMap((row, index) => [
			[`moment${index + 1}Id`, row.id],
			[`moment${index + 1}Opens`, row.opensOn],
			[`moment${index + 1}Closes`, row.closesOn]
		])
	);
}

/** The template form as the page shows it: a row per question (with its key) and two empty rows. */
export function templateForm(questions: TemplateQuestion[]): Record<string, string> {
	const empty: TemplateQuestion = { key: '', text: '', kind: 'scale3', fromMoment: 1 };
	return Object.fromEntries(
		[...questions, empty, empty].flatMap((q, index) => [
			[`q${index + 1}Key`, q.key],
			[`q${index + 1}Text`, q.text],
			[`q${index + 1}Kind`, q.kind],
			[`q${index + 1}From`, String(q.fromMoment)]
		])
	);
}

/** An instrument row on the settings form: its moment, the instrument chosen, and the one the form showed. */
export type InstrumentRow = { momentId: string; key: string; shown: string };

/** The instruments form as the page shows it: a row per moment. */
export function instrumentsForm(rows: InstrumentRow[]): Record<string, string> {
	return Object.fromEntries(
		rows.flatMap((row, index) => [
			[`instrument${index + 1}`, row.key],
			[`instrument${index + 1}Moment`, row.momentId],
			[`instrument${index + 1}Shown`, row.shown]
		])
	);
}

/** A post of one of the settings page's forms, as the trajectory's coordinator. */
export function postSettings(
	ctx: AppContext,
	built: BuiltTrajectory,
	action: 'moments' | 'template' | 'instruments',
	fields: Record<string, string>
) {
	return postAs(ctx, settingsPage[action], {
		actor: built.coordinator,
		path: `/trajectories/${built.trajectoryId}/settings`,
		params: { trajectoryId: built.trajectoryId },
		fields
	});
}
