import * as m from '#lib/paraglide/messages.js';
import { staffLocaleOf } from '#lib/locales.ts';
import type { AppContext } from '../context.ts';
import { roleLabelIn } from '#lib/options.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { ROLE_ORDER } from '../staff/staff.repository.ts';
import { renderMailHtml } from '../shared/mail.ts';
import type { Invitation } from './invitations.repository.ts';

/**
 * The invitation mail, in the language the admin chose for the invitee. It names the organisation
 * and the roles, so the invitee knows who asks and for what; only a professional is told they will
 * talk with their clients.
 */
export async function sendInvitationMail(ctx: AppContext, invitation: Invitation, token: string): Promise<void> {
	const locale = staffLocaleOf(invitation.locale);
	const link = invitationLink(ctx, token);
	const organisation = (await createOrganisationsRepository(ctx.db).findById(invitation.organisationId))?.name ?? '';
	// In the order the staff page lists the roles, whatever order they were stored in.
	const roles = ROLE_ORDER.filter((role) => invitation.roles.includes(role))
		.map((role) => roleLabelIn(role, locale))
		.join(', ');
	const purpose = invitation.roles.includes('professional')
		? m.mail_invitation_purpose_professional({}, { locale })
		: m.mail_invitation_purpose({}, { locale });
	const paragraphs = [
		`${m.mail_invitation_intro({ organisation, roles }, { locale })} ${purpose}`,
		m.mail_invitation_expiry({ days: 7 }, { locale })
	];
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
