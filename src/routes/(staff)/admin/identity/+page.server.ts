import { getAppContext } from '#lib/server/context.ts';
import { failFromError, failValidation } from '#lib/server/http/forms.ts';
import { redirectWithNotice, type RedirectOnSuccess } from '#lib/server/http/notice.ts';
import { identityProviderSchema } from '#lib/server/identity/identity.schemas.ts';
import { getIdentityProvider, removeIdentityProvider, saveIdentityProvider } from '#lib/server/identity/identity.usecases.ts';
import { validateForm } from '#lib/server/shared/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { provider: await getIdentityProvider({ ctx: getAppContext(), actor: locals.actor }) };
};

export const actions = {
	save: async ({ request, locals, url, cookies }) => {
		const form = validateForm(identityProviderSchema, await request.formData());
		if (!form.ok) return failValidation(form);
		try {
			await saveIdentityProvider({ ctx: getAppContext(), actor: locals.actor, input: form.data });
		} catch (caught) {
			// Put back what was typed, except the secret.
			const { discoveryUrl, clientId, domains, staffOnly, verifiesAddresses } = form.data;
			return failFromError(caught, {
				discoveryUrl,
				clientId,
				domains: domains.join(', '),
				staffOnly: staffOnly ? 'on' : '',
				verifiesAddresses: verifiesAddresses ? 'on' : ''
			});
		}
		redirectWithNotice({ url, cookies }, { message: 'identity_saved' });
	},
	remove: async ({ locals, url, cookies }) => {
		try {
			await removeIdentityProvider({ ctx: getAppContext(), actor: locals.actor });
		} catch (caught) {
			return failFromError(caught);
		}
		redirectWithNotice({ url, cookies }, { message: 'identity_removed' });
	}
} satisfies Actions satisfies RedirectOnSuccess;
