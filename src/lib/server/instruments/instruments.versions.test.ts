import { describe, expect, it } from 'vitest';
import { keepsLine, type InstrumentContent } from './instruments.models.ts';
import { BUILT_IN_INSTRUMENTS } from './instruments.usecases.ts';

// The views of answers over time read every version's answers on the newest version's line
// (decision 019, amended 2026-12-07): a version on another line would show the answers before it
// on a scale nobody saw. An import is refused then (instruments.versions.integration.test.ts); a
// built-in version ships with the code, so this test holds the code to the same rule.

const base = BUILT_IN_INSTRUMENTS[0]!.content;
const onLine = (points?: number): InstrumentContent => ({
	...base,
	scale: { min: base.scale.min, max: base.scale.max, ...(points === undefined ? {} : { points }) }
});
const inWordsOnly = (): InstrumentContent => ({ ...base, items: base.items.map((item) => ({ ...item, answer: { type: 'text' } })) });

describe('a new version of an instrument keeps the line of the version before it', () => {
	it('the same number of points is kept (10 when none is given); another number, or no question on the line, is not', () => {
		expect(keepsLine(onLine(4), onLine(4))).toBe(true);
		expect(keepsLine(onLine(), onLine(10))).toBe(true);
		expect(keepsLine(onLine(4), onLine(10))).toBe(false);
		expect(keepsLine(onLine(4), inWordsOnly())).toBe(false);
		// Before it nothing was on a line: no answer on a line to misread.
		expect(keepsLine(inWordsOnly(), onLine(4))).toBe(true);
	});

	it('every built-in version keeps the line of the version of its key before it', () => {
		const byKey = Map.groupBy(BUILT_IN_INSTRUMENTS, (instrument) => instrument.key);
		const changed = [...byKey].flatMap(([key, versions]) => {
			const sorted = versions.toSorted((a, b) => a.version - b.version);
			return sorted
				.slice(1)
				.flatMap((version, index) => (keepsLine(sorted[index]!.content, version.content) ? [] : [`${key} v${version.version}`]));
		});
		expect(changed).toEqual([]);
	});
});
