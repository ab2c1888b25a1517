import { createHash } from 'node:crypto';
import * as m from '#lib/paraglide/messages.js';
import { isCalendarDate, todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';

/**
 * Paper forms and paper entry as pure rules (docs/decisions/020-paper-forms-and-paper-entry.md).
 */

/** Letters and digits that cannot be mistaken for one another when read off paper (no 0/O, 1/I/L, 5/S, 2/Z). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

/**
 * The short code printed on every form of a conversation, e.g. "K7P-4QX": the professional checks
 * it against the conversation before typing the answers in. It is derived from the conversation's
 * id (not its join code, which lets a device in), so it opens nothing and says nothing about the
 * client.
 */
export function paperCode(conversationId: string): string {
	const digest = createHash('sha256').update(`tweespraak-paper:${conversationId}`).digest();
	let code = '';
	for (let index = 0; index < 6; index++) code += CODE_ALPHABET[digest[index]! % CODE_ALPHABET.length];
	return `${code.slice(0, 3)}-${code.slice(3)}`;
}

export interface PaperDates {
	/** Today in the Netherlands, YYYY-MM-DD. */
	today: string;
	/** The days (in the Netherlands) the collaboration and the conversation began. */
	collaborationBegan: string;
	conversationBegan: string;
}

/** The days a paper entry is checked against, from now and when the collaboration and conversation began. */
export function paperDatesOf(now: Date, began: { collaboration: string; conversation: string }): PaperDates {
	return {
		today: todayInAmsterdam(now),
		collaborationBegan: todayInAmsterdam(new Date(began.collaboration)),
		conversationBegan: todayInAmsterdam(new Date(began.conversation))
	};
}

/**
 * Why the day a paper form was filled in cannot be right, or null when it can: a real day, not
 * after today, not before the collaboration began, and not before the conversation whose code
 * the form carries began (the form could not have existed yet).
 */
export function paperDateRefusal(filledOn: string, dates: PaperDates): DomainErrorCode | null {
	if (!isCalendarDate(filledOn)) return 'paper.invalid_date';
	if (filledOn > dates.today) return 'paper.date_in_future';
	if (filledOn < dates.collaborationBegan) return 'paper.before_collaboration';
	if (filledOn < dates.conversationBegan) return 'paper.before_conversation';
	return null;
}

/** A party's name where their answers are shown (report, client's copy, export): "Sanne (op papier)" when typed in from paper. */
export function nameWithPaper(name: string, paperFilledOn: string | null | undefined, locale: ClientLocale): string {
	return paperFilledOn ? m.paper_party_on_paper({ name }, { locale }) : name;
}
