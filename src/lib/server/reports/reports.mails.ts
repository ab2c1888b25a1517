import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '#lib/locales.ts';
import type { AppContext } from '../context.ts';
import { renderMailHtml } from '../shared/mail.ts';
import type { ReportDocument } from './reports.document.ts';
import { reportToText } from './reports.models.ts';

/**
 * A participant's outcome, sent at their own request to their own address. The mail speaks the
 * participant's language (`locale`), and so does the outcome (decision 021), which is marked with
 * its own language inside the HTML all the same: a hand-over outcome may be in another.
 */
export async function sendOutcomeMail(
	ctx: Pick<AppContext, 'mailer'>,
	mail: { to: string; locale: ClientLocale; outcome: ReportDocument; participantId: string }
): Promise<void> {
	const { locale } = mail;
	const text = reportToText(mail.outcome);
	const intro = m.outcome_mail_intro({}, { locale });
	await ctx.mailer.send({
		to: mail.to,
		about: [mail.participantId],
		subject: m.outcome_mail_subject({}, { locale }),
		text: `${intro}\n\n${text}\n`,
		html: renderMailHtml(locale, [intro], undefined, {
			lang: mail.outcome.locale,
			paragraphs: text.split('\n').filter((line) => line.trim() !== '')
		})
	});
}
