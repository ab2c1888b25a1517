import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { ORGANISATION_PROVIDER_PREFIX } from '../auth/organisation-providers.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { checkDiscovery } from './identity.discovery.ts';
import { createIdentityRepository, type IdentityProvider } from './identity.repository.ts';
import type { IdentityProviderInput } from './identity.schemas.ts';

/** better-auth's callback for a provider: register this redirect URL at the provider. */
export function providerRedirectUrl(ctx: AppContext, providerRowId: string): string {
	return `${ctx.publicOrigin}/api/auth/callback/${ORGANISATION_PROVIDER_PREFIX}${providerRowId}`;
}

async function secretKey(ctx: AppContext): Promise<string> {
	return (await ctx.auth.$context).secret;
}

export async function encryptClientSecret(ctx: AppContext, secret: string): Promise<string> {
	return symmetricEncrypt({ key: await secretKey(ctx), data: secret });
}

export async function decryptClientSecret(ctx: AppContext, provider: IdentityProvider): Promise<string> {
	return symmetricDecrypt({ key: await secretKey(ctx), data: provider.clientSecret });
}

/** The admin page: the settings without the secret (never shown again), and the redirect URL. */
export async function getIdentityProvider({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.identity.manage' });
	const provider = await createIdentityRepository(ctx.db).findByOrganisation(staff.organisationId);
	// The provider's id is fixed before the first save, so the admin can register the redirect URL first.
	const id = provider?.id ?? stableDraftId(staff.organisationId);
	return {
		configured: provider !== undefined,
		discoveryUrl: provider?.discoveryUrl ?? '',
		clientId: provider?.clientId ?? '',
		domains: provider?.domains ?? [],
		staffOnly: provider?.staffOnly ?? false,
		verifiesAddresses: provider?.verifiesAddresses ?? false,
		redirectUrl: providerRedirectUrl(ctx, id)
	};
}

/** A new provider's id is the organisation's id: one provider per organisation. */
const stableDraftId = (organisationId: string) => organisationId;

/**
 * Saves the organisation's provider after checking it: the provider answers, its discovery
 * document has what a sign-in needs, and no other organisation uses one of its domains.
 * Any refusal leaves the stored settings as they were.
 */
export async function saveIdentityProvider({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: IdentityProviderInput }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.identity.manage' });
	const repository = createIdentityRepository(ctx.db);
	const existing = await repository.findByOrganisation(staff.organisationId);
	if (!input.clientSecret && !existing) throw domainError('identity.secret_required');
	if ((await repository.domainsClaimedElsewhere(staff.organisationId, input.domains)).length > 0)
		throw domainError('identity.domain_claimed');
	// Another organisation's staff at a domain: checked for the domains this save adds, and for all of
	// them when it makes the provider the only way in. A domain the organisation already had stays
	// savable (a new client secret must never be refused over an old account elsewhere).
	const added = input.domains.filter((domain) => !existing?.domains.includes(domain));
	const checked = input.staffOnly && !existing?.staffOnly ? input.domains : added;
	if ((await repository.domainsStaffedElsewhere(staff.organisationId, checked, ctx.clock.now().toISOString())).length > 0) {
		throw domainError('identity.domain_claimed');
	}
	await checkDiscovery(input.discoveryUrl, { allowPrivate: ctx.config.allowPrivateProviders });
	const clientSecret = input.clientSecret ? await encryptClientSecret(ctx, input.clientSecret) : existing!.clientSecret;
	const id = existing?.id ?? stableDraftId(staff.organisationId);
	await write(async (trx) => {
		// A concurrent save by another organisation still meets the unique domain key here.
		if ((await createIdentityRepository(trx).domainsClaimedElsewhere(staff.organisationId, input.domains)).length > 0) {
			throw domainError('identity.domain_claimed');
		}
		await createIdentityRepository(trx).save({
			id,
			organisationId: staff.organisationId,
			discoveryUrl: input.discoveryUrl,
			clientId: input.clientId,
			clientSecret,
			staffOnly: input.staffOnly,
			verifiesAddresses: input.verifiesAddresses,
			domains: input.domains,
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'identity.provider_saved',
			target: { type: 'identityProvider', id },
			details: {
				domains: input.domains.length,
				staffOnly: input.staffOnly,
				verifiesAddresses: input.verifiesAddresses,
				secretChanged: Boolean(input.clientSecret)
			}
		});
	});
}

export async function removeIdentityProvider({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.identity.manage' });
	await write(async (trx) => {
		if (!(await createIdentityRepository(trx).remove(staff.organisationId))) throw domainError('not_found');
		await recordAudit(trx, ctx.clock, { actor, action: 'identity.provider_removed' });
	});
}

/**
 * Break-glass (operator CLI `allow-passwords`, decision 018): when the provider is down or
 * misconfigured and the organisation lets staff in only through it, password sign-in works again
 * for the organisation that uses this e-mail domain. The provider stays configured.
 */
export async function allowPasswordSignIn({ ctx, domain }: { ctx: AppContext; domain: string }) {
	const repository = createIdentityRepository(ctx.db);
	const provider = await repository.findByDomain(domain.trim().toLowerCase());
	if (!provider) throw domainError('identity.no_provider');
	await ctx.db.transaction().execute(async (trx) => {
		await createIdentityRepository(trx).allowPasswords(provider.organisationId, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor: systemActor,
			organisationId: provider.organisationId,
			action: 'identity.passwords_allowed',
			target: { type: 'identityProvider', id: provider.id }
		});
	});
	return { organisationId: provider.organisationId };
}
