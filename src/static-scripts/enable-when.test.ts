import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { Script, createContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENABLE_OPERATORS, keepEnabledAnswers, type EnableCondition, type EnableWhen } from '#lib/enable-when.ts';
import { STATIC_SCRIPTS, bundleStaticScript } from './static-scripts.ts';

/**
 * The script a page loads (/enable-when.js, bundled as the dev server and the build serve it) is
 * run on a small stand-in for the page's DOM: the form's questions are fieldsets with
 * data-key/data-enable-when and radio buttons, as RatingScale.svelte renders them. It must hide
 * exactly the questions the server does not ask (keepEnabledAnswers) on the same answers.
 */

/** Only the selectors the script uses; any other throws, so a changed script cannot pass by accident. */
function matches(element: FakeElement, selector: string): boolean {
	switch (selector) {
		case 'form':
			return element.tag === 'form';
		case 'fieldset[data-key]':
			return element.tag === 'fieldset' && element.attributes['data-key'] !== undefined;
		case 'fieldset[data-enable-when]':
			return element.tag === 'fieldset' && element.attributes['data-enable-when'] !== undefined;
		case 'input[type="radio"]:checked':
			return element.tag === 'input' && element.attributes.type === 'radio' && element.checked;
		default:
			throw new Error(`the stand-in DOM does not know the selector ${selector}`);
	}
}

class FakeElement {
	hidden = false;
	checked = false;
	parent: FakeElement | null = null;
	constructor(
		readonly tag: string,
		readonly attributes: Record<string, string | undefined> = {},
		readonly children: FakeElement[] = []
	) {
		for (const child of children) child.parent = this;
	}
	get value(): string {
		return this.attributes.value ?? '';
	}
	getAttribute(name: string): string | null {
		return this.attributes[name] ?? null;
	}
	querySelectorAll(selector: string): FakeElement[] {
		return this.children.flatMap((child) => [...(matches(child, selector) ? [child] : []), ...child.querySelectorAll(selector)]);
	}
	querySelector(selector: string): FakeElement | null {
		return this.querySelectorAll(selector)[0] ?? null;
	}
	closest(selector: string): FakeElement | null {
		return matches(this, selector) ? this : (this.parent?.closest(selector) ?? null);
	}
}

interface Question {
	key: string;
	enableWhen?: EnableWhen;
}

/** A radio button per point of a 0–100 line, the answer (if any) checked. */
function questionOnPage(question: Question, answer: number | undefined, rule?: string): FakeElement {
	const radios = [0, 25, 50, 75, 100, ...(answer === undefined ? [] : [answer])].map((value) => {
		const radio = new FakeElement('input', { type: 'radio', name: question.key, value: String(value) });
		radio.checked = value === answer;
		return radio;
	});
	if (answer !== undefined) radios.slice(0, -1).forEach((radio) => (radio.checked = false));
	return new FakeElement(
		'fieldset',
		{ 'data-key': question.key, 'data-enable-when': rule ?? (question.enableWhen ? JSON.stringify(question.enableWhen) : undefined) },
		radios
	);
}

let script: Script;

beforeAll(async () => {
	const root = fileURLToPath(new URL('../..', import.meta.url));
	script = new Script(await bundleStaticScript(STATIC_SCRIPTS['/enable-when.js']!, root));
}, 60_000);

/** Loads the page with the script; returns the form and a way to send it a `change` event. */
function loadPage(questions: Question[], answers: Record<string, number>, rules: Record<string, string> = {}) {
	const form = new FakeElement(
		'form',
		{},
		questions.map((question) => questionOnPage(question, answers[question.key], rules[question.key]))
	);
	const listeners: ((event: { target: unknown }) => void)[] = [];
	const document = {
		querySelectorAll: (selector: string) => (matches(form, selector) ? [form] : form.querySelectorAll(selector)),
		addEventListener: (type: string, listener: (event: { target: unknown }) => void) => {
			if (type === 'change') listeners.push(listener);
		}
	};
	script.runInContext(createContext({ window: {}, document, Element: FakeElement }));
	const shown = () =>
		form.querySelectorAll('fieldset[data-key]').flatMap((fieldset) => (fieldset.hidden ? [] : [fieldset.attributes['data-key']]));
	const choose = (key: string, value: number) => {
		const fieldset = form.querySelectorAll('fieldset[data-key]').find((each) => each.attributes['data-key'] === key)!;
		const radios = fieldset.children;
		for (const radio of radios) radio.checked = radio.value === String(value);
		for (const listener of listeners) listener({ target: radios.find((radio) => radio.checked) });
	};
	return { shown, choose };
}

const worry: Question = { key: 'worry', enableWhen: { behavior: 'all', conditions: [{ question: 'mood', operator: '<=', value: 25 }] } };
const help: Question = {
	key: 'help',
	enableWhen: { behavior: 'all', conditions: [{ question: 'worry', operator: 'exists', exists: true }] }
};

describe('the page script for conditional questions (/enable-when.js)', () => {
	it('shows a question only while its condition holds on the answers chosen before it, as the server asks it', () => {
		const page = loadPage([{ key: 'mood' }, worry, help], {});
		expect(page.shown()).toEqual(['mood']);
		page.choose('mood', 0);
		expect(page.shown()).toEqual(['mood', 'worry']);
		page.choose('worry', 50);
		expect(page.shown()).toEqual(['mood', 'worry', 'help']);
		// mood goes up: worry is no longer asked, so its answer no longer counts for help.
		page.choose('mood', 75);
		expect(page.shown()).toEqual(['mood']);
	});

	it('shows a question whose condition on the page cannot be read (the server still decides)', () => {
		const page = loadPage([{ key: 'a' }, { key: 'b' }, { key: 'c' }], {}, { b: '{not json', c: 'null' });
		expect(page.shown()).toEqual(['a', 'b', 'c']);
	});

	it('hides exactly the questions the server does not ask, for any conditions and answers', () => {
		// Answers are points of a line; a condition's value is a point, lies between points, or next to one.
		const points = [0, 25, 33, 50, 67, 75, 100];
		const value = fc.oneof(
			fc.constantFrom(...points),
			fc.constantFrom(100 / 3, 200 / 3, 62.5, 24.6, 25.4, 49.9, 50.1),
			fc.double({ min: 0, max: 100, noNaN: true })
		);
		const condition = (earlier: number) =>
			fc
				.record({
					question: fc.integer({ min: 0, max: earlier - 1 }).map((i) => `q${i}`),
					operator: fc.constantFrom(...ENABLE_OPERATORS),
					value,
					exists: fc.boolean()
				})
				.map(({ question, operator, value, exists }): EnableCondition =>
					operator === 'exists' ? { question, operator, exists } : { question, operator, value }
				);
		const instrument = fc.integer({ min: 1, max: 6 }).chain((count) =>
			fc.tuple(
				...Array.from({ length: count }, (_, i) =>
					i === 0
						? fc.constant<Question>({ key: 'q0' })
						: fc
								.option(
									fc.record({
										behavior: fc.constantFrom('all' as const, 'any' as const),
										conditions: fc.array(condition(i), { minLength: 1, maxLength: 3 })
									}),
									{ nil: undefined }
								)
								.map((enableWhen): Question => ({ key: `q${i}`, ...(enableWhen && { enableWhen }) }))
				)
			)
		);
		const answers = fc.dictionary(
			fc.integer({ min: 0, max: 5 }).map((i) => `q${i}`),
			fc.constantFrom(...points)
		);
		fc.assert(
			fc.property(instrument, answers, (questions, chosen) => {
				const onPage = Object.fromEntries(Object.entries(chosen).filter(([key]) => questions.some((question) => question.key === key)));
				expect(loadPage(questions, onPage).shown()).toEqual(keepEnabledAnswers(questions, onPage).asked);
			}),
			{ numRuns: 300 }
		);
	});
});
