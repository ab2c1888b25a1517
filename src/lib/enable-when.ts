/**
 * enableWhen (FHIR R4 Questionnaire.item.enableWhen) for instruments that one person answers:
 * session feedback and trajectory moments (docs/decisions/019-fhir-questionnaires.md). A question
 * with conditions is asked only when they hold on the answers to earlier questions. Every
 * question of an instrument is on the same line, so a condition's answer is stored as a value on
 * that line (0–100), like the answers it is compared with. Pure and shared: the server decides
 * with it what it keeps and requires; the page's small script hides a question with it.
 */

export const ENABLE_OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'exists'] as const;
export type EnableOperator = (typeof ENABLE_OPERATORS)[number];

export interface EnableCondition {
	/** The key of an earlier question. */
	question: string;
	operator: EnableOperator;
	/** The answer compared with, as a stored value (0–100); not for `exists`. */
	value?: number;
	/** For `exists`: true when the question must be answered, false when it must not. */
	exists?: boolean;
}

export interface EnableWhen {
	/** FHIR's enableBehavior: every condition must hold, or one is enough (one condition: 'all'). */
	behavior: 'all' | 'any';
	conditions: EnableCondition[];
}

/** Stored values are whole numbers; a condition's value may lie between two points of the line. */
const SAME = 0.5;

export function conditionHolds(condition: EnableCondition, answer: number | undefined): boolean {
	if (condition.operator === 'exists') return (answer !== undefined) === (condition.exists ?? true);
	// FHIR R4: a question without an answer makes every other operator false.
	if (answer === undefined || condition.value === undefined) return false;
	const same = Math.abs(answer - condition.value) < SAME;
	switch (condition.operator) {
		case '=':
			return same;
		case '!=':
			return !same;
		case '>':
			return !same && answer > condition.value;
		case '<':
			return !same && answer < condition.value;
		case '>=':
			return same || answer > condition.value;
		case '<=':
			return same || answer < condition.value;
	}
}

export function isEnabled(enableWhen: EnableWhen | undefined, answers: Readonly<Record<string, number | undefined>>): boolean {
	if (!enableWhen || enableWhen.conditions.length === 0) return true;
	const holds = enableWhen.conditions.map((condition) => conditionHolds(condition, answers[condition.question]));
	return enableWhen.behavior === 'any' ? holds.some(Boolean) : holds.every(Boolean);
}

/**
 * The answers that count, in question order: an answer to a question that is not enabled is
 * dropped (it was hidden, or answered before the answer it depends on changed), and a dropped
 * answer counts as no answer for the questions after it. Returns the kept answers and the keys
 * of the questions that are asked (enabled), which must be answered.
 */
export function keepEnabledAnswers<T>(
	items: readonly { key: string; enableWhen?: EnableWhen }[],
	values: Readonly<Record<string, T>>
): { values: Record<string, T>; asked: string[] } {
	const kept: Record<string, T> = {};
	const numeric: Record<string, number | undefined> = {};
	const asked: string[] = [];
	for (const item of items) {
		if (!isEnabled(item.enableWhen, numeric)) continue;
		asked.push(item.key);
		if (!(item.key in values)) continue;
		const value = values[item.key] as T;
		kept[item.key] = value;
		if (typeof value === 'number') numeric[item.key] = value;
	}
	return { values: kept, asked };
}

export function hasConditions(items: readonly { enableWhen?: EnableWhen }[]): boolean {
	return items.some((item) => (item.enableWhen?.conditions.length ?? 0) > 0);
}
