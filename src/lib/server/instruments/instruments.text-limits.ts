import type { ImportProblem } from './fhir/fhir.import-items.ts';
import { WORDING_AUDIENCES, type InstrumentContent, type LocalizedText } from './instruments.models.ts';

/**
 * How long each text of an instrument may be (decision 019, amended 2026-12-07). Every text a
 * person reads is on pages, in paper forms (PDF) and in exports, once per item and per reader: an
 * outside tester imported one question of ~420 KB (under the file's 1 MB), and every paper form
 * then took seconds of the one server's CPU while every organisation waited. The built-in
 * instruments' longest text is 60 characters (a question); real questionnaires (SRS, ORS, WAV-12,
 * PHQ-9, GAD-7) stay under 200. The limits leave room for that several times over, and not for a
 * book: a question 500 characters, a title or an answer's words 200, a short name 120.
 */
export const INSTRUMENT_TEXT_MAX = {
	/** A question, per audience and language (`item.text`, its translations, the wording extension). */
	question: 500,
	/** The instrument's name (`title`, else `name`, and their translations). */
	title: 200,
	/** An answer option's words, the words at an end of the line, a smiley's label. */
	option: 200,
	/** An item's own short name (label extension) and a plan term, which is put into questions. */
	label: 120,
	/** The copyright statement (kept for the export, confirmed by the admin). */
	copyright: 2000,
	/** The Questionnaire's url and a coding's system. */
	url: 500,
	/** An answer option's code, stored with every answer in words. */
	code: 100,
	/** The publisher's version. */
	version: 64
} as const;

/** The parts of an instrument's content that hold texts; name and scale may be missing in a refused import. */
export type ContentTexts = Pick<InstrumentContent, 'items' | 'smileys' | 'planTerms'> &
	Partial<Pick<InstrumentContent, 'name' | 'scale' | 'fhir'>>;

/**
 * The languages of `text` (nl, en and any other kept) whose words are longer than `max`, but for
 * words already `named`: a text that only repeats another (nl and en fall back on each other, a
 * child's and a professional's wording on the adult's) is named once.
 */
function tooLongIn(text: LocalizedText, max: number, named: Set<string>, item = ''): string[] {
	const languages: string[] = [];
	for (const [language, words] of Object.entries(text)) {
		if (typeof words !== 'string' || words.length <= max || named.has(`${item}|${words}`)) continue;
		named.add(`${item}|${words}`);
		languages.push(language);
	}
	return languages;
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every text of the content over its limit, each as a problem that names the item (its key, the
 * linkId) and which text in which language (`detail`, never the text itself). `from` names the
 * items the line's ends and its answer options were read from. Empty when every text fits.
 */
export function textLimitProblems(content: ContentTexts, from: { ends?: string; line?: string } = {}): ImportProblem[] {
	const problems: ImportProblem[] = [];
	const named = new Set<string>();
	const check = (
		text: LocalizedText,
		code: 'title_too_long' | 'question_too_long' | 'label_too_long' | 'option_too_long',
		max: number,
		what: string,
		item?: string
	) => {
		for (const language of tooLongIn(text, max, named, item))
			problems.push({ code, ...(item && { item }), detail: what ? `${what}, ${language}` : language });
	};
	const plain = (value: string | undefined, code: 'copyright_too_long' | 'code_too_long', max: number, detail: string, item?: string) => {
		if (value !== undefined && value.length > max) problems.push({ code, ...(item && { item }), detail });
	};
	if (content.name) check(content.name, 'title_too_long', INSTRUMENT_TEXT_MAX.title, '');
	for (const item of content.items) {
		for (const audience of WORDING_AUDIENCES)
			check(item.wording[audience], 'question_too_long', INSTRUMENT_TEXT_MAX.question, audience, item.key);
		// Without a label of its own, an item is named by its question (fhir.import.ts).
		if (!sameText(item.label, item.wording.adult)) check(item.label, 'label_too_long', INSTRUMENT_TEXT_MAX.label, 'label', item.key);
		if (item.answer?.type === 'choice') {
			item.answer.options.forEach((option, index) => {
				check(option.display, 'option_too_long', INSTRUMENT_TEXT_MAX.option, `option ${index + 1}`, item.key);
				plain(option.code, 'code_too_long', INSTRUMENT_TEXT_MAX.code, `option ${index + 1} code`, item.key);
				plain(option.system, 'code_too_long', INSTRUMENT_TEXT_MAX.url, `option ${index + 1} system`, item.key);
			});
		}
	}
	if (content.scale) {
		check(content.scale.min, 'option_too_long', INSTRUMENT_TEXT_MAX.option, 'lower end', from.ends);
		check(content.scale.max, 'option_too_long', INSTRUMENT_TEXT_MAX.option, 'upper end', from.ends);
	}
	content.smileys.forEach((smiley, index) => check(smiley.label, 'option_too_long', INSTRUMENT_TEXT_MAX.option, `smiley ${index + 1}`));
	for (const [term, text] of Object.entries(content.planTerms))
		check(text, 'label_too_long', INSTRUMENT_TEXT_MAX.label, `plan term ${term}`);
	const fhir = content.fhir;
	if (fhir) {
		plain(fhir.url, 'code_too_long', INSTRUMENT_TEXT_MAX.url, 'url');
		plain(fhir.version, 'code_too_long', INSTRUMENT_TEXT_MAX.version, 'version');
		plain(fhir.copyright, 'copyright_too_long', INSTRUMENT_TEXT_MAX.copyright, 'copyright');
		if (fhir.answer?.type === 'choice') {
			fhir.answer.options.forEach((option, index) => {
				const item = from.line;
				// The same words as the line's ends are named there already.
				if (
					option.display !== undefined &&
					tooLongIn({ nl: option.display, en: option.display }, INSTRUMENT_TEXT_MAX.option, named, item).length > 0
				)
					problems.push({ code: 'option_too_long', ...(item && { item }), detail: `option ${index + 1}` });
				plain(option.code, 'code_too_long', INSTRUMENT_TEXT_MAX.code, `option ${index + 1} code`, item);
				plain(option.system, 'code_too_long', INSTRUMENT_TEXT_MAX.url, `option ${index + 1} system`, item);
			});
		}
	}
	return problems;
}
