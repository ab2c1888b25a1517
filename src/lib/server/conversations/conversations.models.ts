import { randomInt } from 'node:crypto';
import type { ConversationPhase, LearningConversationPhase, Method, QuickCheckPhase } from '#lib/server/db/schema.ts';

/**
 * Every method as a state machine the server enforces; from any unfinished phase a
 * conversation can be given up (→ abandoned).
 * - Quick check: review → rating → revealed → reflection → agreement → closed. The system
 *   reveals by itself when every present party has submitted.
 * - Learning conversation: preparation → (start) review, only when there are open agreements →
 *   safety → topics → sheets → actions → evaluation → closed.
 * - Session feedback: rating → closed, by the system once the client has answered.
 * Only the professional moves a conversation on, apart from those automatic steps.
 */

/** The phases a quick check passes through. */
export type QuickCheckState = QuickCheckPhase | 'closed' | 'abandoned';
/** The phases a learning conversation passes through. */
export type LearningState = LearningConversationPhase | 'closed' | 'abandoned';
/** The phases of session feedback. */
export type SessionFeedbackState = 'rating' | 'closed' | 'abandoned';

export const PHASES: readonly QuickCheckState[] = ['review', 'rating', 'revealed', 'reflection', 'agreement', 'closed', 'abandoned'];

export const LEARNING_PHASES: readonly LearningState[] = [
	'preparation',
	'review',
	'safety',
	'topics',
	'sheets',
	'actions',
	'evaluation',
	'closed',
	'abandoned'
];

export const SESSION_FEEDBACK_PHASES: readonly SessionFeedbackState[] = ['rating', 'closed', 'abandoned'];

export const PHASES_BY_METHOD: Record<Method, readonly ConversationPhase[]> = {
	quickCheck: PHASES,
	learningConversation: LEARNING_PHASES,
	sessionFeedback: SESSION_FEEDBACK_PHASES
};

/** Every phase of every method but the two ends: a conversation there can still change. */
export const UNFINISHED_PHASES: readonly ConversationPhase[] = [
	'review',
	'rating',
	'revealed',
	'reflection',
	'agreement',
	'preparation',
	'safety',
	'topics',
	'sheets',
	'actions',
	'evaluation'
];

/** From the reveal on, every party sees every party's ratings and reflections. */
export const REVEALED_PHASES: readonly ConversationPhase[] = ['revealed', 'reflection', 'agreement', 'closed'];

export type PartyKind = 'participant' | 'professional';
export type Mover = 'professional' | 'system';

export interface Transition {
	to: ConversationPhase;
	by: readonly Mover[];
}

const ABANDON: Transition = { to: 'abandoned', by: ['professional'] };
const byProfessional = (to: ConversationPhase): Transition => ({ to, by: ['professional'] });

export function isQuickCheckState(phase: ConversationPhase): phase is QuickCheckState {
	return Object.hasOwn(TRANSITIONS, phase);
}

export function isLearningState(phase: ConversationPhase): phase is LearningState {
	return Object.hasOwn(LEARNING_TRANSITIONS, phase);
}

export const TRANSITIONS: Record<QuickCheckState, readonly Transition[]> = {
	review: [byProfessional('rating'), ABANDON],
	rating: [{ to: 'revealed', by: ['professional', 'system'] }, ABANDON],
	revealed: [byProfessional('reflection'), byProfessional('agreement'), ABANDON],
	reflection: [byProfessional('agreement'), ABANDON],
	agreement: [byProfessional('closed'), ABANDON],
	closed: [],
	abandoned: []
};

export const LEARNING_TRANSITIONS: Record<LearningState, readonly Transition[]> = {
	// Starting goes to the review when there are open agreements, else straight to safety.
	preparation: [byProfessional('review'), byProfessional('safety'), ABANDON],
	review: [byProfessional('safety'), ABANDON],
	safety: [byProfessional('topics'), ABANDON],
	topics: [byProfessional('sheets'), ABANDON],
	sheets: [byProfessional('actions'), ABANDON],
	actions: [byProfessional('evaluation'), ABANDON],
	evaluation: [byProfessional('closed'), ABANDON],
	closed: [],
	abandoned: []
};

export const SESSION_FEEDBACK_TRANSITIONS: Record<SessionFeedbackState, readonly Transition[]> = {
	rating: [{ to: 'closed', by: ['system'] }, ABANDON],
	closed: [],
	abandoned: []
};

const TRANSITIONS_BY_METHOD: Record<Method, Partial<Record<ConversationPhase, readonly Transition[]>>> = {
	quickCheck: TRANSITIONS,
	learningConversation: LEARNING_TRANSITIONS,
	sessionFeedback: SESSION_FEEDBACK_TRANSITIONS
};

/** The transitions out of `phase` for this method; none for a phase the method does not have. */
export function transitionsFrom(phase: ConversationPhase, method: Method = 'quickCheck'): readonly Transition[] {
	const table = TRANSITIONS_BY_METHOD[method];
	return Object.hasOwn(table, phase) ? (table[phase] ?? []) : [];
}

export function canTransition(from: ConversationPhase, to: ConversationPhase, by: Mover, method: Method = 'quickCheck'): boolean {
	return transitionsFrom(from, method).some((transition) => transition.to === to && transition.by.includes(by));
}

/** Whether the phase belongs to the method at all (a stored phase always does). */
export function isPhaseOf(phase: ConversationPhase, method: Method): boolean {
	return PHASES_BY_METHOD[method].includes(phase);
}

export function isUnfinished(phase: ConversationPhase): boolean {
	return UNFINISHED_PHASES.includes(phase);
}

export function isRevealed(phase: ConversationPhase): boolean {
	return REVEALED_PHASES.includes(phase);
}

/** A conversation opens with the review of open agreements when there are any. */
export function initialPhase(openAgreements: number): 'review' | 'rating' {
	return openAgreements > 0 ? 'review' : 'rating';
}

/** Where a learning conversation goes when the professional starts it. */
export function learningStartPhase(openAgreements: number): 'review' | 'safety' {
	return openAgreements > 0 ? 'review' : 'safety';
}

/** Where the review leads once every agreement has an outcome. */
export function phaseAfterReview(method: Method): ConversationPhase {
	return method === 'learningConversation' ? 'safety' : 'rating';
}

/** The learning conversation's next step in its fixed order (not the start, which depends on open agreements). */
export const LEARNING_NEXT: Partial<Record<LearningState, LearningState>> = {
	review: 'safety',
	safety: 'topics',
	topics: 'sheets',
	sheets: 'actions',
	actions: 'evaluation',
	evaluation: 'closed'
};

export interface PartyState {
	kind: PartyKind;
	present: boolean;
	submittedAt: string | null;
}

/**
 * The reveal happens by itself once every present party has submitted — and at least one
 * client party among them, or there would be nothing to compare.
 */
export function shouldAutoReveal(parties: readonly PartyState[]): boolean {
	const present = parties.filter((party) => party.present);
	return present.every((party) => party.submittedAt !== null) && present.some((party) => party.kind === 'participant');
}

/** The professional may reveal early once at least one client party has submitted. */
export function canRevealEarly(parties: readonly PartyState[]): boolean {
	return parties.some((party) => party.kind === 'participant' && party.submittedAt !== null);
}

// Review: a conversation looks back on the agreements that were open when it started.

export interface AgreementRef {
	id: string;
	conversationId: string;
	status: 'open' | 'done' | 'partly' | 'notDone';
}

/**
 * The agreements conversation `conversationId` reviews: those it has reviewed already, and
 * those still open from earlier conversations. Its own agreement and its carried-over copies
 * (made in this conversation) are for the next one.
 */
export function agreementsUnderReview<A extends AgreementRef>(
	agreements: readonly A[],
	reviewedIds: ReadonlySet<string>,
	conversationId: string
): A[] {
	return agreements.filter((a) => a.conversationId !== conversationId && (reviewedIds.has(a.id) || a.status === 'open'));
}

// Gaps: per item the values of every party who rated it and how far apart they lie.

export interface PartyRatings {
	partyId: string;
	values: Readonly<Record<string, number>>;
}

export interface ItemGap {
	itemKey: string;
	values: { partyId: string; value: number }[];
	/** max − min; null with fewer than two values. */
	spread: number | null;
	/** The spread is at least GAP_HIGHLIGHT_SPREAD: worth asking about first. */
	highlighted: boolean;
}

/** A quarter of the line: one smiley step, so a child's and an adult's answers compare alike. */
export const GAP_HIGHLIGHT_SPREAD = 25;

/** Items with the largest difference first; equal spreads (and items without one) keep the instrument's order. */
export function computeGaps(itemKeys: readonly string[], ratings: readonly PartyRatings[]): ItemGap[] {
	const gaps = itemKeys.map((itemKey, index) => {
		const values = ratings.flatMap((r) => (r.values[itemKey] === undefined ? [] : [{ partyId: r.partyId, value: r.values[itemKey] }]));
		const numbers = values.map((v) => v.value);
		const spread = numbers.length >= 2 ? Math.max(...numbers) - Math.min(...numbers) : null;
		return { index, gap: { itemKey, values, spread, highlighted: spread !== null && spread >= GAP_HIGHLIGHT_SPREAD } };
	});
	gaps.sort((a, b) => (b.gap.spread ?? -1) - (a.gap.spread ?? -1) || a.index - b.index);
	return gaps.map((entry) => entry.gap);
}

// Reflections: per item what a party is most and least satisfied with, all items saved at once.
// Spoken in the method (seed 003): the professional may note what the client says, marked so.

export type ReflectionPart = 'mostSatisfied' | 'leastSatisfied';

export interface ReflectionText {
	itemKey: string;
	mostSatisfied: string | null;
	leastSatisfied: string | null;
}

export interface StoredReflection extends ReflectionText {
	mostNotedByProfessional: boolean;
	leastNotedByProfessional: boolean;
}

/** A submitted item: a part left `undefined` was not changed by the writer (what the page showed) and keeps what is stored. */
export interface SubmittedReflection {
	itemKey: string;
	mostSatisfied?: string | null;
	leastSatisfied?: string | null;
}

const NOTED = { mostSatisfied: 'mostNotedByProfessional', leastSatisfied: 'leastNotedByProfessional' } as const;

/**
 * What saving changes: per item the stored texts with the writer's changed parts laid over
 * them, for the items where a text differs. A part the writer did not change keeps the stored
 * text and its mark — so a text someone else saved meanwhile is never overwritten by an
 * unchanged copy. A changed text is marked as noted by the professional when they wrote it for
 * the client (`notedByProfessional`), and as the party's own otherwise. An item left empty with
 * nothing stored is not written, so an untouched item leaves no row; an emptied one is cleared.
 */
export function mergeReflections(
	stored: readonly StoredReflection[],
	submitted: readonly SubmittedReflection[],
	notedByProfessional: boolean
): StoredReflection[] {
	const merged: StoredReflection[] = [];
	for (const entry of submitted) {
		const before = stored.find((r) => r.itemKey === entry.itemKey);
		const next: StoredReflection = before
			? { ...before }
			: {
					itemKey: entry.itemKey,
					mostSatisfied: null,
					leastSatisfied: null,
					mostNotedByProfessional: false,
					leastNotedByProfessional: false
				};
		let changed = false;
		for (const part of ['mostSatisfied', 'leastSatisfied'] as const) {
			const text = entry[part];
			if (text === undefined || text === next[part]) continue;
			next[part] = text;
			next[NOTED[part]] = notedByProfessional && text !== null;
			changed = true;
		}
		if (changed) merged.push(next);
	}
	return merged;
}

// Join codes: short, typed by hand from a screen, so without look-alike characters (0/O, 1/I/L, 2/Z, 5/S, 8/B).
// Joining (normalising what someone typed, looking it up) is the participation feature's.

export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
/** Long enough that guessing needs no overall limit (docs/decisions/012-throttling.md). */
export const JOIN_CODE_LENGTH = 8;

export function generateJoinCode(random: (max: number) => number = randomInt): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET.charAt(random(JOIN_CODE_ALPHABET.length));
	return code;
}
