import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import { listStaff } from '#lib/server/staff/staff.usecases.ts';
import { createTeamSchema, removeTeamMemberSchema, teamMemberSchema } from '#lib/server/teams/teams.schemas.ts';
import { createTeam, listTeams, removeTeamMember, setTeamMember } from '#lib/server/teams/teams.usecases.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = getAppContext();
	const actor = locals.actor;
	const [teams, staff] = await Promise.all([listTeams({ ctx, actor }), listStaff({ ctx, actor })]);
	// Only active staff can be added; deactivated members stay visible in their teams.
	const candidates = staff.filter((s) => s.status === 'active').map(({ userId, name, email }) => ({ userId, name, email }));
	return { teams, candidates };
};

export const actions = {
	create: async ({ request, locals, url, cookies }) => {
		const form = validateForm(createTeamSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await createTeam({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			return failFromError(caught, { name: form.data.name });
		}
		redirectWithNotice({ url, cookies }, { message: 'teams_created' });
	},
	member: async ({ request, locals, url, cookies }) => {
		const form = validateForm(teamMemberSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await setTeamMember({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'teams_member_saved' });
	},
	remove: async ({ request, locals, url, cookies }) => {
		const form = validateForm(removeTeamMemberSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await removeTeamMember({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'teams_member_saved' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
