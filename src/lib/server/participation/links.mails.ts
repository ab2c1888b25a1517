import { formatCalendarDate, formatUntil } from '#lib/i18n.ts';
import * as m from '#lib/paraglide/messages.js';
import type { AppContext } from '../context.ts';
import type { ClientLocale } from '../db/schema.ts';
import { renderMailHtml } from '../shared/mail.ts';
import type { LinkPurpose } from './links.models.ts';

export interface LinkMail {
	to: string;
	/** The participant it is for: an erasure finds the mail by it (MailMessage.about). */
	participantId: string;
	locale: ClientLocale;
	purpose: LinkPurpose;
	url: string;
	expiresAt: string;
	/** Who sends it, so the participant recognises the mail. */
	professionalName: string;
	/** The planned day of the conversation, when there is one. */
	scheduledOn: string | null;
}

/** The personal link, in the participant's language. Names and dates only; nothing anyone prepared. */
export async function sendLinkMail(ctx: Pick<AppContext, 'mailer'>, mail: LinkMail): Promise<void> {
	const { locale } = mail;
	const name = mail.professionalName;
	const until = m.links_mail_expiry({ until: formatUntil(mail.expiresAt, locale) }, { locale });
	const paragraphs =
		mail.purpose === 'preparation'
			? [
					mail.scheduledOn
						? m.links_mail_preparation_intro_on({ name, date: formatCalendarDate(mail.scheduledOn, locale) }, { locale })
						: m.links_mail_preparation_intro({ name }, { locale }),
					m.links_mail_preparation_private({}, { locale }),
					until
				]
			: [m.links_mail_feedback_intro({ name }, { locale }), until];
	const subject =
		mail.purpose === 'preparation' ? m.links_mail_preparation_subject({}, { locale }) : m.links_mail_feedback_subject({}, { locale });
	const action =
		mail.purpose === 'preparation' ? m.links_mail_preparation_action({}, { locale }) : m.links_mail_feedback_action({}, { locale });
	const ignore = m.links_mail_personal({}, { locale });
	await ctx.mailer.send({
		to: mail.to,
		about: [mail.participantId],
		subject,
		text: `${paragraphs.join('\n\n')}\n\n${action}: ${mail.url}\n\n${ignore}\n`,
		html: renderMailHtml(locale, [...paragraphs, ignore], { href: mail.url, label: action })
	});
}
