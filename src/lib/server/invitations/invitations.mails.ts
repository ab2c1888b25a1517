import * as m from '#lib/paraglide/messages.js';
import { staffLocaleOf } from '#lib/locales.ts';
import type { AppContext } from '../context.ts';
import { renderMailHtml } from '../shared/mail.ts';
import type { Invitation } from './invitations.repository.ts';

/** The invitation mail, in the language the admin chose for the invitee. */
export async function sendInvitationMail(ctx: AppContext, invitation: Invitation, token: string): Promise<void> {
	const locale = staffLocaleOf(invitation.locale);
	const link = invitationLink(ctx, token);
	const paragraphs = [m.mail_invitation_intro({}, { locale }), m.mail_invitation_expiry({ days: 7 }, { locale })];
	const action = m.mail_invitation_action({}, { locale });
	await ctx.mailer.send({
		to: invitation.email,
		subject: m.mail_invitation_subject({}, { locale }),
		text: `${paragraphs[0]}\n\n${action}: ${link}\n\n${paragraphs[1]}\n`,
		html: renderMailHtml(locale, paragraphs, { href: link, label: action })
	});
}

export function invitationLink(ctx: AppContext, token: string): string {
	return `${ctx.publicOrigin}/invitation/${token}`;
}
