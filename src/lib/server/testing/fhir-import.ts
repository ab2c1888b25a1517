import { expect } from 'vitest';
import { importQuestionnaire, type ImportProblem } from '../instruments/fhir/fhir.import.ts';
import { questionnaireText, srsLike, type FixtureQuestionnaire } from './fhir-questionnaires.ts';

/** The tests of importing a Questionnaire (instruments/fhir/fhir.import*.test.ts). */

export const licensed = { licenceConfirmed: true };

/** The content an accepted Questionnaire becomes; throws with the problems when it is refused. */
export function imported(questionnaire: FixtureQuestionnaire) {
	const result = importQuestionnaire(questionnaireText(questionnaire), licensed);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.content;
}

/** A valid SRS-like Questionnaire changed in one way. */
export function srsWith(change: (q: FixtureQuestionnaire & Record<string, unknown>) => void): string {
	const questionnaire = srsLike() as FixtureQuestionnaire & Record<string, unknown>;
	change(questionnaire);
	return questionnaireText(questionnaire);
}

/** The first item, loosely typed: the cases break it on purpose. */
export function first(q: FixtureQuestionnaire): Record<string, unknown> {
	return q.item[0] as unknown as Record<string, unknown>;
}

/**
 * A refused import names `expected` among its problems. `text` 'licence' stands for the SRS-like
 * Questionnaire (which has a copyright) imported without the licence confirmed.
 */
export function expectRefused(text: string, expected: Partial<ImportProblem>): void {
	const source = text === 'licence' ? questionnaireText(srsLike()) : text;
	const result = importQuestionnaire(source, { licenceConfirmed: text !== 'licence' });
	expect(result.ok).toBe(false);
	if (result.ok) return;
	expect(result.problems).toContainEqual(expect.objectContaining(expected));
}
