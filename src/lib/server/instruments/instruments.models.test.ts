import { withClientTranslations } from './instruments.translations.ts';
import { describe, expect, it } from 'vitest';
import { PICTOGRAM_NAMES } from '#lib/pictograms.ts';
import type { Locale, PlanTerm } from '#lib/server/db/schema.ts';
import {
	parseInstrumentContent,
	renderItems,
	renderScale,
	toPlanTerm,
	WORDING_AUDIENCES,
	type InstrumentContent
} from './instruments.models.ts';
import { BUILT_IN_INSTRUMENTS } from './instruments.usecases.ts';
import { samenSterkerV1 } from './samen-sterker-v1.ts';

const LOCALES: Locale[] = ['nl', 'en'];
const PLAN_TERMS: PlanTerm[] = ['familyPlan', 'actionPlan', 'supportPlan', 'plan'];
const content = samenSterkerV1.content;

describe('Samen Sterker v1 content', () => {
	it('has the five items of the method, in its order', () => {
		expect(content.items.map((item) => item.key)).toEqual(['omgang', 'luisteren', 'contact', 'plan', 'afspraken']);
	});

	it('words every item for the adult client, the child and the professional, in Dutch and English', () => {
		for (const item of content.items) {
			for (const audience of WORDING_AUDIENCES) {
				for (const locale of LOCALES) {
					const text = item.wording[audience][locale];
					expect(text.trim(), `${item.key} ${audience} ${locale}`).not.toBe('');
					expect(text.endsWith('?'), `${item.key} ${audience} ${locale} is a question`).toBe(true);
					// B1: short sentences.
					expect(text.split(/\s+/).length, `${item.key} ${audience} ${locale}`).toBeLessThanOrEqual(12);
				}
			}
			for (const locale of LOCALES) expect(item.label[locale].trim()).not.toBe('');
		}
	});

	it("uses the organisation's plan term in the plan item for adults and professionals", () => {
		const plan = content.items.find((item) => item.key === 'plan');
		for (const locale of LOCALES) {
			expect(plan?.wording.adult[locale]).toContain('{plan}');
			expect(plan?.wording.professional[locale]).toContain('{plan}');
			expect(plan?.label[locale]).toContain('{plan}');
		}
		for (const item of content.items.filter((i) => i.key !== 'plan')) {
			expect(JSON.stringify(item)).not.toContain('{plan}');
		}
	});

	it('shows a pictogram of the built-in set beside every question of every built-in instrument', () => {
		for (const instrument of BUILT_IN_INSTRUMENTS) {
			for (const item of instrument.content.items) expect(PICTOGRAM_NAMES, `${instrument.key}/${item.key}`).toContain(item.pictogram);
		}
	});

	it('gives children five smileys stored as 0, 25, 50, 75 and 100', () => {
		expect(content.smileys.map((smiley) => smiley.value)).toEqual([0, 25, 50, 75, 100]);
	});

	it('names the ends of the line "ontevreden" and "tevreden"', () => {
		expect(renderScale(content, 'nl')).toMatchObject({ min: 'ontevreden', max: 'tevreden' });
		expect(renderScale(content, 'en').smileys.map((s) => s.label)).toEqual(['Very bad', 'Not good', 'Okay', 'Good', 'Very good']);
	});

	it('lists each built-in version once', () => {
		const ids = BUILT_IN_INSTRUMENTS.map((i) => `${i.key}@${i.version}`);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('renderItems', () => {
	it('renders the wording of the chosen audience and language', () => {
		expect(renderItems(content, 'adult', 'nl', 'familyPlan')[0]).toEqual({
			key: 'omgang',
			pictogram: 'handshake',
			label: 'Omgang',
			text: 'Hoe gaan we met elkaar om?',
			lang: 'nl'
		});
		expect(renderItems(content, 'child', 'nl', 'familyPlan')[0]?.text).toBe('Hoe doen we samen?');
		expect(renderItems(content, 'professional', 'nl', 'familyPlan')[0]?.text).toBe('Hoe ervaar ik onze omgang?');
	});

	it('a client language: translated items read in it; without a translation an item reads in Dutch, marked as Dutch', () => {
		expect(renderItems(content, 'adult', 'ar', 'familyPlan')[0]).toMatchObject({ text: 'Hoe gaan we met elkaar om?', lang: 'nl' });
		const translated = withClientTranslations(content);
		expect(renderItems(translated, 'adult', 'ar', 'familyPlan')[0]).toMatchObject({ label: 'التعامل', lang: 'ar' });
		expect(renderItems(translated, 'adult', 'pl', 'familyPlan').find((i) => i.key === 'plan')).toMatchObject({
			text: 'Czy dobrze razem pracujemy nad: plan rodziny?',
			lang: 'pl'
		});
		// The professional's own wording stays Dutch and English.
		expect(renderItems(translated, 'professional', 'tr', 'familyPlan')[0]?.lang).toBe('nl');
	});

	it('fills in the plan term, with a capital where it starts the label', () => {
		const plan = (term: PlanTerm, locale: Locale) => renderItems(content, 'adult', locale, term).find((i) => i.key === 'plan');
		expect(plan('familyPlan', 'nl')).toMatchObject({ label: 'Gezinsplan', text: 'Werken we goed samen aan het gezinsplan?' });
		expect(plan('actionPlan', 'nl')).toMatchObject({ label: 'Plan van aanpak', text: 'Werken we goed samen aan het plan van aanpak?' });
		expect(plan('supportPlan', 'en')).toMatchObject({ label: 'Support plan', text: 'Do we work well together on the support plan?' });
	});

	it('leaves no placeholder in any rendering', () => {
		for (const audience of WORDING_AUDIENCES) {
			for (const locale of LOCALES) {
				for (const term of PLAN_TERMS) {
					expect(JSON.stringify(renderItems(content, audience, locale, term))).not.toContain('{plan}');
				}
			}
		}
	});
});

describe('toPlanTerm', () => {
	it('keeps a known term and reads anything else as "plan"', () => {
		for (const term of PLAN_TERMS) expect(toPlanTerm(term)).toBe(term);
		expect(toPlanTerm('gezinsplan')).toBe('plan');
		expect(toPlanTerm(null)).toBe('plan');
	});
});

describe('parseInstrumentContent', () => {
	it('reads stored content back as it was written', () => {
		expect(parseInstrumentContent(JSON.stringify(content))).toEqual(content);
	});

	it('refuses a row that is not instrument content', () => {
		expect(() => parseInstrumentContent('{"items": 3}')).toThrow();
		expect(() => parseInstrumentContent(JSON.stringify({ ...content, smileys: undefined } as unknown as InstrumentContent))).toThrow();
	});
});
