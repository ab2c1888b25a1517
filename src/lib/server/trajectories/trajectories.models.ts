import type { TrajectoryConsent } from '../db/schema.ts';

/**
 * Pure rules of a learning trajectory (seed 004): moments and their state, the adjustable
 * question template, answers on the 3- and 4-point scales, learning goals that change with a
 * reason, and buddy pairs across organisations.
 */

export type CalendarDate = string;

/** Nee / Enigszins / Ja. */
export const SCALE3 = ['no', 'somewhat', 'yes'] as const;
/** Change noticed in families: niet / een beetje / enigszins / grotendeels. */
export const SCALE4 = ['not', 'aLittle', 'somewhat', 'largely'] as const;
export type Scale3Answer = (typeof SCALE3)[number];
export type Scale4Answer = (typeof SCALE4)[number];

export const QUESTION_KINDS = ['scale3', 'scale4', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface TemplateQuestion {
	key: string;
	kind: QuestionKind;
	text: string;
	/** Asked from this moment on (1 = from T1). */
	fromMoment: number;
}

export interface Template {
	questions: TemplateQuestion[];
}

export const MAX_QUESTIONS = 12;
export const QUESTION_TEXT_MAX = 300;
export const ANSWER_TEXT_MAX = 2000;
export const LEVELS = ['personal', 'team', 'organisation'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The functions of the seed's participants (seed 004, §2.3), which every trajectory's list
 * starts with; their words are in the messages. The coordinator adds their own by name.
 */
export const BUILTIN_FUNCTIONS = [
	'neighbourhoodTeamWorker',
	'youthProtectionChair',
	'experienceExpert',
	'familyHomeParent',
	'youthInterviewer',
	'behaviouralScientist'
] as const;
export type BuiltinFunction = (typeof BUILTIN_FUNCTIONS)[number];
export const FUNCTION_NAME_MAX = 80;
export const MAX_FUNCTIONS = 40;

/** Two function names are the same when only spacing or capitals differ. */
export function isSameFunctionName(a: string, b: string): boolean {
	const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
	return key(a) === key(b);
}

/** The seed's monitor questions, in the coordinator's language (texts come from the messages). */
export function defaultTemplate(texts: { applied: string; goalReached: string; familyChange: string; noticed: string }): Template {
	return {
		questions: [
			{ key: 'applied', kind: 'scale3', text: texts.applied, fromMoment: 2 },
			{ key: 'goalReached', kind: 'scale3', text: texts.goalReached, fromMoment: 2 },
			{ key: 'familyChange', kind: 'scale4', text: texts.familyChange, fromMoment: 2 },
			{ key: 'noticed', kind: 'text', text: texts.noticed, fromMoment: 2 }
		]
	};
}

export function parseTemplate(json: string): Template {
	const parsed = JSON.parse(json) as Template;
	return { questions: Array.isArray(parsed.questions) ? parsed.questions : [] };
}

export function momentLabel(position: number): string {
	return `T${position}`;
}

export type MomentState = 'upcoming' | 'open' | 'closed';

/** Open from opens_on up to and including closes_on, in Dutch calendar days. */
export function momentState(moment: { opensOn: CalendarDate; closesOn: CalendarDate }, today: CalendarDate): MomentState {
	if (today < moment.opensOn) return 'upcoming';
	if (today > moment.closesOn) return 'closed';
	return 'open';
}

/**
 * The questions that have an answer from anyone, at any moment. Such a question never changes
 * its meaning: its wording, scale and first moment are locked, and it cannot be removed. The
 * rule follows the answers, not the dates, so moving the moments unlocks nothing.
 */
export function answeredQuestionKeys(responses: readonly { answers: Record<string, string> }[]): Set<string> {
	const keys = new Set<string>();
	for (const response of responses) {
		for (const [key, value] of Object.entries(response.answers)) if (value !== '') keys.add(key);
	}
	return keys;
}

function isSameQuestion(a: TemplateQuestion, b: TemplateQuestion): boolean {
	return a.text === b.text && a.kind === b.kind && a.fromMoment === b.fromMoment;
}

/** A change of the template as the settings form sends it (templateSchema). */
export interface TemplateChange {
	/** The rows with a text: a key names the question the row shows; an empty key adds one. */
	questions: readonly TemplateQuestion[];
	/** The keys of the questions whose row was emptied. */
	removedKeys: readonly string[];
}

/**
 * The template after a change, or why it is refused. A question the change names by its key is
 * saved in its own place, or removed when its row was emptied; a row without a key adds a question
 * at the end, with `newKey()`, so an earlier answer is never read as the answer to another
 * question. A question the change does not mention stays as it is: a form loaded before a
 * colleague added one must not remove it. A key that is not one of the template's questions, or
 * one named twice, is refused ('unknown': the question was removed meanwhile, or the post was made
 * by hand), and so is a change that would alter or remove an answered question ('answered').
 */
export function changedTemplate(
	current: Template,
	change: TemplateChange,
	answered: ReadonlySet<string>,
	newKey: () => string
): { template: Template } | { refused: 'unknown' | 'answered' } {
	const named = [...change.questions.filter((q) => q.key !== '').map((q) => q.key), ...change.removedKeys];
	if (new Set(named).size !== named.length || named.some((key) => !current.questions.some((q) => q.key === key))) {
		return { refused: 'unknown' };
	}
	const removed = new Set(change.removedKeys);
	const questions: TemplateQuestion[] = [];
	for (const question of current.questions) {
		const saved = change.questions.find((q) => q.key === question.key);
		const changed = removed.has(question.key) || (saved !== undefined && !isSameQuestion(saved, question));
		if (changed && answered.has(question.key)) return { refused: 'answered' };
		if (removed.has(question.key)) continue;
		questions.push(saved ? { key: question.key, kind: saved.kind, text: saved.text, fromMoment: saved.fromMoment } : question);
	}
	for (const { kind, text, fromMoment } of change.questions.filter((q) => q.key === '')) {
		questions.push({ key: newKey(), kind, text, fromMoment });
	}
	return { template: { questions } };
}

/** A moment as stored, in the order of its position (T1, T2, …). */
export interface PlacedMoment {
	id: string;
	position: number;
	opensOn: CalendarDate;
	closesOn: CalendarDate;
}

/** A change of the moments as the settings form sends it (momentsSchema). */
export interface MomentsChange {
	/** The filled rows: an id names the moment the row shows; an empty id adds one. */
	moments: readonly { id: string; opensOn: CalendarDate; closesOn: CalendarDate }[];
	/** The ids of the moments whose row was emptied. */
	removedIds: readonly string[];
}

/**
 * The moments after a change, numbered again from T1, or 'unknown' when the change names a moment
 * that is not one of `current` (removed meanwhile, or another trajectory's) or names one twice. A
 * moment named by its id gets the row's dates and keeps its place among the others; one whose row
 * was emptied goes; a moment the change does not mention stays as it is; new ones come last.
 */
export function changedMoments(
	current: readonly PlacedMoment[],
	change: MomentsChange,
	newId: () => string
): { moments: (PlacedMoment & { added: boolean })[]; removed: PlacedMoment[] } | { refused: 'unknown' } {
	const named = [...change.moments.filter((m) => m.id !== '').map((m) => m.id), ...change.removedIds];
	if (new Set(named).size !== named.length || named.some((id) => !current.some((moment) => moment.id === id))) {
		return { refused: 'unknown' };
	}
	const removedIds = new Set(change.removedIds);
	const ordered = current.toSorted((a, b) => a.position - b.position);
	const kept = ordered
		.filter((moment) => !removedIds.has(moment.id))
		.map((moment) => {
			const row = change.moments.find((m) => m.id === moment.id);
			return { id: moment.id, opensOn: row?.opensOn ?? moment.opensOn, closesOn: row?.closesOn ?? moment.closesOn, added: false };
		});
	const added = change.moments.filter((m) => m.id === '').map(({ opensOn, closesOn }) => ({ id: newId(), opensOn, closesOn, added: true }));
	return {
		moments: [...kept, ...added].map((moment, index) => ({ ...moment, position: index + 1 })),
		removed: ordered.filter((moment) => removedIds.has(moment.id))
	};
}

export function questionsFor(template: Template, position: number): TemplateQuestion[] {
	return template.questions.filter((question) => question.fromMoment <= position);
}

export function isAllowedAnswer(kind: QuestionKind, value: string): boolean {
	if (kind === 'scale3') return (SCALE3 as readonly string[]).includes(value);
	if (kind === 'scale4') return (SCALE4 as readonly string[]).includes(value);
	return value.length <= ANSWER_TEXT_MAX;
}

/**
 * The answers to keep for this moment's questions: unknown keys dropped, empty answers left
 * out (a question may stay unanswered, as in the seed's "geen respons"). Null if one is invalid.
 */
export function cleanAnswers(questions: readonly TemplateQuestion[], raw: Record<string, string>): Record<string, string> | null {
	const answers: Record<string, string> = {};
	for (const question of questions) {
		const value = (raw[question.key] ?? '').trim();
		if (value === '') continue;
		if (!isAllowedAnswer(question.kind, value)) return null;
		answers[question.key] = value;
	}
	return answers;
}

function normaliseGoal(goal: string): string {
	return goal.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A learning goal counts as changed when its words differ (not its spacing or capitals). */
export function isGoalChanged(previous: string | null | undefined, goal: string): boolean {
	return previous !== null && previous !== undefined && normaliseGoal(previous) !== normaliseGoal(goal);
}

/** Buddies preferably come from different organisations (seed 004: "een collega uit een andere organisatie"). */
export function isSameOrganisation(a: { organisationName: string }, b: { organisationName: string }): boolean {
	const name = (value: string) => value.trim().toLowerCase();
	return name(a.organisationName) !== '' && name(a.organisationName) === name(b.organisationName);
}

/** After a "yes", no becomes "withdrawn": the report must forget what was shared before. */
export function nextConsent(current: TrajectoryConsent, agree: boolean): TrajectoryConsent {
	if (agree) return 'given';
	return current === 'given' || current === 'withdrawn' ? 'withdrawn' : 'declined';
}

/** Moments are numbered by their opening day; a later moment never opens before an earlier one. */
export function areMomentsInOrder(moments: readonly { opensOn: CalendarDate; closesOn: CalendarDate }[]): boolean {
	return moments.every(
		(moment, index) => moment.opensOn <= moment.closesOn && (index === 0 || moments[index - 1]!.opensOn <= moment.opensOn)
	);
}

/** A participant who stopped before a moment closed did not take part in it (the report says "stopped"). */
export function stoppedBy(stoppedOn: CalendarDate | null, moment: { closesOn: CalendarDate }): boolean {
	return stoppedOn !== null && stoppedOn <= moment.closesOn;
}
