import * as m from '#lib/paraglide/messages.js';
import type { AppContext } from '../context.ts';
import { renderMailHtml } from '../shared/mail.ts';
import type { ReportDocument } from './reports.document.ts';
import { reportToText } from './reports.models.ts';

/** A participant's outcome, sent at their own request to their own address, in their language. */
export async function sendOutcomeMail(ctx: Pick<AppContext, 'mailer'>, mail: { to: string; outcome: ReportDocument }): Promise<void> {
	const { locale } = mail.outcome;
	const text = reportToText(mail.outcome);
	const intro = m.outcome_mail_intro({}, { locale });
	await ctx.mailer.send({
		to: mail.to,
		subject: m.outcome_mail_subject({}, { locale }),
		text: `${intro}\n\n${text}\n`,
		html: renderMailHtml(locale, [intro, ...text.split('\n').filter((line) => line.trim() !== '')])
	});
}
