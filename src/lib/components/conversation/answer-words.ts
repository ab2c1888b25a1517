import type { RenderedItem } from '#lib/server/instruments/instruments.models.ts';

/**
 * An answer in words (issue 14) as the reader sees it: free text as typed, a nominal choice as
 * its option's words in the reader's language (the code when the option is unknown); '' when
 * the question was left empty.
 */
export function answerInWords(item: Pick<RenderedItem, 'answer'>, text: string | undefined): string {
	const given = text ?? '';
	if (item.answer?.type !== 'choice') return given;
	return item.answer.options.find((option) => option.code === given)?.label ?? given;
}
