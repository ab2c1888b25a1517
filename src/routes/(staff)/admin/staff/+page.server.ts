import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { inviteStaff, listOpenInvitations, resendInvitation, revokeInvitation } from '#lib/server/invitations/invitations.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { changeRolesSchema, deactivateSchema, deleteStaffSchema, inviteSchema, userIdSchema } from '#lib/server/staff/staff.schemas.ts';
import { deleteStaffAccount } from '#lib/server/staff/staff.deletion.usecases.ts';
import { changeRoles, deactivateStaff, getDeactivationChoices, listStaff, reactivateStaff } from '#lib/server/staff/staff.usecases.ts';
import { listTeams } from '#lib/server/teams/teams.usecases.ts';
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const [staff, invitations, teams, choices] = await Promise.all([
		listStaff({ ctx, actor }),
		listOpenInvitations({ ctx, actor }),
		listTeams({ ctx, actor }),
		getDeactivationChoices({ ctx, actor })
	]);
	return {
		members: staff,
		invitations,
		teams: teams.map(({ id, name }) => ({ id, name })),
		...choices,
		me: actor.type === 'staff' ? actor.userId : null
	};
};

const invitationIdSchema = v.object({
	invitationId: v.pipe(v.string(), v.nonEmpty('validation_required'), v.maxLength(64, 'validation_choice'))
});

export const actions = {
	invite: async ({ request, locals, url, cookies }) => {
		const formData = await request.formData();
		const form = validateForm(inviteSchema, formData, ['roles']);
		// No role is ticked beforehand (the admin chooses on purpose), so the ticked ones come back with the rest.
		const inviteRoles = formData.getAll('roles').filter((role): role is string => typeof role === 'string' && role.length <= 64);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values, inviteRoles: inviteRoles.slice(0, 10) });
		try {
			await inviteStaff({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			const { email, teamId, locale } = form.data;
			const refused = failFromError(caught, { email, teamId, locale });
			return fail(refused.status, { ...refused.data, inviteRoles: form.data.roles });
		}
		redirectWithNotice({ url, cookies }, { message: 'staff_invite_sent', values: { email: form.data.email } });
	},
	roles: async ({ request, locals, url, cookies }) => {
		const form = validateForm(changeRolesSchema, await request.formData(), ['roles']);
		if (!form.ok) return failValidation(form);
		let withdrawn: number;
		try {
			({ invitationsWithdrawn: withdrawn } = await changeRoles({ ctx: getAppContext(), actor: locals.actor, input: form.data }));
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice(
			{ url, cookies },
			withdrawn > 0
				? { message: 'staff_roles_saved_invitations_withdrawn', values: { count: String(withdrawn) } }
				: { message: 'staff_roles_saved' }
		);
	},
	deactivate: async ({ request, locals, url, cookies }) => {
		const form = validateForm(deactivateSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		let withdrawn: number;
		try {
			({ invitationsWithdrawn: withdrawn } = await deactivateStaff({
				ctx: getAppContext(),
				actor: locals.actor,
				userId: form.data.userId,
				handoverTo: form.data.handoverTo
			}));
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice(
			{ url, cookies },
			withdrawn > 0
				? { message: 'staff_deactivated_invitations_withdrawn', values: { count: String(withdrawn) } }
				: { message: 'staff_deactivated' }
		);
	},
	reactivate: async ({ request, locals, url, cookies }) => {
		const form = validateForm(userIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await reactivateStaff({ ctx: getAppContext(), actor: locals.actor, userId: form.data.userId });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'staff_reactivated' });
	},
	/** Deleting a deactivated account's personal data, after the admin ticked that it cannot be undone. */
	delete: async ({ request, locals, url, cookies }) => {
		const form = validateForm(deleteStaffSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		if (!form.data.confirm) return fail(400, { formError: 'staff.delete_unconfirmed' });
		let formerNumber: number;
		try {
			({ formerNumber } = await deleteStaffAccount({ ctx: getAppContext(), actor: locals.actor, userId: form.data.userId }));
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'staff_deleted', values: { number: String(formerNumber) } });
	},
	resend: async ({ request, locals, url, cookies }) => {
		const form = validateForm(invitationIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await resendInvitation({ ctx: getAppContext(), actor: locals.actor, invitationId: form.data.invitationId });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'staff_invitation_resent' });
	},
	revoke: async ({ request, locals, url, cookies }) => {
		const form = validateForm(invitationIdSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await revokeInvitation({ ctx: getAppContext(), actor: locals.actor, invitationId: form.data.invitationId });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'staff_invitation_revoked' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
